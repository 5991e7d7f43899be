package com.metricsdash.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the JSON API ({@code /api/**}), whose errors are answered as {@code application/problem+json}
 * by {@link ApiErrors} while the pages keep their own error handling.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JsonApi {

}
