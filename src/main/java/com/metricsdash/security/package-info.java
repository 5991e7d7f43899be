/**
 * Who may see what: the signed-in store owner of a browser session, the response headers every page carries
 * (embedding only inside the shop's own admin), and CSRF protection for every form and htmx request.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package com.metricsdash.security;
