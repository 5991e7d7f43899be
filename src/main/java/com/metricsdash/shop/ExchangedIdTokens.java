package com.metricsdash.shop;

import com.metricsdash.shopify.IdToken;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The session tokens (by {@code jti}) that have installed a store by token exchange. A session token is reused for
 * every request of its minute, but an install is lasting (a fresh offline token, the store revived after an
 * uninstall), so each token may install once: a captured one replayed within its minute installs nothing. Rows of
 * expired tokens are removed as new ones come in.
 */
@Repository
class ExchangedIdTokens {

	private final JdbcClient jdbc;

	ExchangedIdTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the token's exchange; false when it was exchanged before. */
	@Transactional
	boolean firstExchange(IdToken token) {
		this.jdbc.sql("delete from exchanged_id_token where valid_until < now()").update();
		return this.jdbc.sql("""
				insert into exchanged_id_token (jti, valid_until) values (:jti, :validUntil)
				on conflict (jti) do nothing""")
			.param("jti", token.tokenId())
			.param("validUntil", java.sql.Timestamp.from(token.validUntil()))
			.update() == 1;
	}

}
