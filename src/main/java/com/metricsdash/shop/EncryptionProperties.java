package com.metricsdash.shop;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that protect store credentials.
 *
 * @param masterKey base64 of 32 bytes: wraps each store's data key ({@code METRICSDASH_MASTER_KEY})
 * @param previousMasterKeys keys rotated out, still accepted for reading until every credential is rewritten
 */
@ConfigurationProperties("metricsdash")
@Validated
record EncryptionProperties(@NotBlank String masterKey, @DefaultValue List<String> previousMasterKeys) {

	@Override
	public String toString() {
		return "EncryptionProperties[keys hidden]";
	}

}
