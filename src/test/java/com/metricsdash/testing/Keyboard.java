package com.metricsdash.testing;

import com.microsoft.playwright.Page;

import static org.assertj.core.api.Assertions.assertThat;

/** A keyboard user's moves in a browser test: Tab until something is reached, and what has the focus. */
public final class Keyboard {

	private static final int MAX_PRESSES = 100;

	private Keyboard() {
	}

	/** Presses Tab from wherever the focus is until it reaches the element, as a keyboard user would. */
	public static void tabTo(Page page, String selector) {
		for (int presses = 0; presses < MAX_PRESSES && !focused(page, selector); presses++) {
			page.keyboard().press("Tab");
		}
		assertThat(focused(page, selector)).as("Tab reaches %s", selector).isTrue();
	}

	public static boolean focused(Page page, String selector) {
		return (Boolean) page.evaluate("(selector) => document.activeElement?.matches(selector) ?? false", selector);
	}

}
