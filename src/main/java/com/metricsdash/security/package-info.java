/**
 * Who may see what: the store owner signed in by a browser session or, inside the Shopify admin, by a Shopify session
 * token; the response headers every page carries (embedding only inside the shop's own admin); and CSRF protection
 * for every form and htmx request that a cookie authenticates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package com.metricsdash.security;
