package com.metricsdash.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/**
 * Tells the layout which page it wraps ({@code pagePath}, e.g. {@code /alerts}, without the context path), so that its
 * navigation marks the current page whichever module renders it; Thymeleaf no longer lets templates read the request.
 */
@Component
class PagePath extends PageAttributes {

	@Override
	protected void add(HttpServletRequest request, ModelMap page) {
		page.addAttribute("pagePath", request.getRequestURI().substring(request.getContextPath().length()));
	}

}
