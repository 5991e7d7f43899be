/**
 * The e-mail digest (issue 14): a store's open alerts and yesterday's sales, mailed daily or weekly at a local hour of
 * the shop's timezone to addresses that confirmed they want it. A delivery row per store, period and address is
 * claimed before a mail goes out, so that several instances and restarts send each period once; a failed send is
 * retried with backoff and shown on the settings page. Links in a mail are signed and expire
 * ({@link com.metricsdash.digest.DigestLinks}), and unsubscribing is one click (RFC 8058).
 */
@org.springframework.modulith.ApplicationModule(displayName = "E-mail digest")
package com.metricsdash.digest;
