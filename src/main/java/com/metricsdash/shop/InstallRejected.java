package com.metricsdash.shop;

import org.springframework.http.HttpStatus;

/** An install attempt we refuse, with the sentence the merchant reads; nothing was stored. */
class InstallRejected extends RuntimeException {

	private final HttpStatus status;

	InstallRejected(HttpStatus status, String sentence) {
		super(sentence);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

	static InstallRejected notAShop() {
		return new InstallRejected(HttpStatus.BAD_REQUEST,
				"That is not a Shopify store address. Enter it as your-store.myshopify.com.");
	}

}
