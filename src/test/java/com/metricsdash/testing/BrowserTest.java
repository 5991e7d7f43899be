package com.metricsdash.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An {@link IntegrationTest} driven through real Chromium: test methods take a Playwright {@code Page}, and a test
 * fails when the page logs a console error or throws.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@ExtendWith(Chromium.class)
public @interface BrowserTest {

}
