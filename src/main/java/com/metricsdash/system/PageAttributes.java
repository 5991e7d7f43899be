package com.metricsdash.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.ModelMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Attributes the layout needs on every page, added to the model of a page about to render: not to a body, nor to a
 * redirect. Not a {@code @ModelAttribute} advice, which Spring MVC works out for every request, the API's and every
 * webhook delivery's too: that had been a tenth of the intake's CPU.
 */
public abstract class PageAttributes implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView answer) {
		if (answer != null && answer.hasView() && !(answer.isReference()
				? answer.getViewName().startsWith("redirect:") : answer.getView() instanceof RedirectView)) {
			add(request, answer.getModelMap());
		}
	}

	/** Adds this page's attributes. */
	protected abstract void add(HttpServletRequest request, ModelMap page);

}
