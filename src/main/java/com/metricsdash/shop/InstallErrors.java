package com.metricsdash.shop;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import com.metricsdash.shopify.AdminApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the merchant sees when connecting fails: the connect page again with one sentence saying what happened and
 * what to do, or, for a client asking for JSON, the same sentence as {@code application/problem+json}.
 */
@ControllerAdvice(assignableTypes = { InstallController.class, StorePageController.class })
class InstallErrors {

	private static final Logger logger = LoggerFactory.getLogger(InstallErrors.class);

	private final boolean demoAvailable;

	InstallErrors(@Value("${metricsdash.simulator.enabled:false}") boolean demoAvailable) {
		this.demoAvailable = demoAvailable;
	}

	@ModelAttribute("demoAvailable")
	boolean demoAvailable() {
		return this.demoAvailable;
	}

	@ExceptionHandler(InstallRejected.class)
	Object rejected(InstallRejected ex, HttpServletRequest request) {
		return answer(request, ex.status(), ex.getMessage());
	}

	@ExceptionHandler(AdminApiException.class)
	Object shopifyFailed(AdminApiException ex, HttpServletRequest request) {
		logger.warn("Connecting a store failed: {}", ex.getMessage());
		return answer(request, HttpStatus.BAD_GATEWAY,
				"Shopify did not answer as expected while we connected your store. Nothing is lost: try again in a minute.");
	}

	private Object answer(HttpServletRequest request, HttpStatus status, String sentence) {
		if (wantsJson(request)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, sentence);
			problem.setTitle("Could not connect the store");
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("shop/connect", status);
		page.addObject("error", sentence);
		page.addObject("demoAvailable", this.demoAvailable);
		return page;
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && MediaType.parseMediaTypes(accept)
			.stream()
			.anyMatch((type) -> List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
				.stream()
				.anyMatch(type::isCompatibleWith) && !type.isWildcardType());
	}

}
