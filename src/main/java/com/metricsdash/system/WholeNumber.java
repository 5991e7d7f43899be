package com.metricsdash.system;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON integer that fits an {@code int}, and nothing else. Jackson would otherwise truncate {@code 1.5}
 * sessions to 1 and take {@code "14"} for hour 14, storing something the client never meant; refusing them here
 * makes the request fail with the field named instead. Shared by every API body that takes a count.
 */
public final class WholeNumber extends ValueDeserializer<Integer> {

	@Override
	public Integer deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
				|| parser.getNumberType() != JsonParser.NumberType.INT) {
			return context.reportInputMismatch(Integer.class, "Expected a whole number that fits 32 bits");
		}
		return parser.getIntValue();
	}

}
