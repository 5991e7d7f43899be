package com.metricsdash.system;

/** A required setting is missing or malformed; the message is one sentence that names the environment variable. */
class InvalidSettingException extends IllegalStateException {

	private final String variable;

	InvalidSettingException(String variable, String problem) {
		super(variable + " " + problem);
		this.variable = variable;
	}

	String variable() {
		return this.variable;
	}

}
