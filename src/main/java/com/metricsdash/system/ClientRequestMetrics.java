package com.metricsdash.system;

import io.micrometer.common.KeyValue;

import org.springframework.http.client.observation.ClientHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.stereotype.Component;

/**
 * The outgoing HTTP calls' metrics ({@code http.client.requests}, which Boot applies to every {@code RestClient})
 * without the host they went to: in production that is each shop's own domain, a time series per shop that grows
 * with every install and names the app's merchants to whoever reads the metrics. The path template ({@code uri})
 * still tells the calls apart.
 */
@Component
class ClientRequestMetrics extends DefaultClientRequestObservationConvention {

	private static final KeyValue NO_CLIENT_NAME = KeyValue.of(LowCardinalityKeyNames.CLIENT_NAME, KeyValue.NONE_VALUE);

	@Override
	protected KeyValue clientName(ClientRequestObservationContext context) {
		return NO_CLIENT_NAME;
	}

}
