package com.metricsdash.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the layout which page it wraps ({@code pagePath}, e.g. {@code /alerts}, without the context path), so that its
 * navigation marks the current page whichever module renders it; Thymeleaf no longer lets templates read the request.
 */
@ControllerAdvice
class PagePath {

	@ModelAttribute("pagePath")
	String pagePath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
