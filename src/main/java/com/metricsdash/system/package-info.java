/**
 * What every page and every module relies on: the page layout, the app's public URL, one clock, the API's problem
 * details, and the checks that refuse to start production with settings missing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System")
package com.metricsdash.system;
