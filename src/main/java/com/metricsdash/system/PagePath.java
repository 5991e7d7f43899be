package com.metricsdash.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Tells the layout which page it wraps ({@code pagePath}, e.g. {@code /alerts}, without the context path), so that its
 * navigation marks the current page whichever module renders it; Thymeleaf no longer lets templates read the request.
 * Added to the model of a page about to render ({@link #isPage}) rather than by a {@code @ModelAttribute} advice,
 * which Spring MVC works out for every request, the API's and every webhook delivery's too: a tenth of the intake's
 * CPU.
 */
@Component
public class PagePath implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView answer) {
		if (isPage(answer)) {
			answer.addObject("pagePath", request.getRequestURI().substring(request.getContextPath().length()));
		}
	}

	/** Whether a handler answered with a view to render: not a body, and not a redirect. */
	public static boolean isPage(ModelAndView answer) {
		if (answer == null || !answer.hasView()) {
			return false;
		}
		return answer.isReference() ? !answer.getViewName().startsWith("redirect:")
				: !(answer.getView() instanceof RedirectView);
	}

}
