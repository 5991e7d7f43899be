package com.metricsdash.shop;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.metricsdash.shopify.TokenGrant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores' offline credentials, sealed by {@link CredentialCipher} before they reach the database. A new grant
 * replaces access and refresh token together, in one statement, under a new data key.
 */
@Repository
class StoreCredentials {

	private static final String ACCESS = "access-token";

	private static final String REFRESH = "refresh-token";

	private final JdbcClient jdbc;

	private final CredentialCipher cipher;

	StoreCredentials(JdbcClient jdbc, CredentialCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void save(UUID storeId, TokenGrant grant) {
		CredentialCipher.DataKey dataKey = this.cipher.newDataKey(storeId);
		this.jdbc.sql("""
				insert into store_credential (store_id, master_key_id, wrapped_data_key, access_token,
				    access_token_expires_at, refresh_token, refresh_token_expires_at, scopes)
				values (:store, :keyId, :wrapped, :access, :accessExpires, :refresh, :refreshExpires, :scopes)
				on conflict (store_id) do update set master_key_id = excluded.master_key_id,
				    wrapped_data_key = excluded.wrapped_data_key, access_token = excluded.access_token,
				    access_token_expires_at = excluded.access_token_expires_at,
				    refresh_token = excluded.refresh_token, refresh_token_expires_at = excluded.refresh_token_expires_at,
				    scopes = excluded.scopes, version = store_credential.version + 1, updated_at = now()""")
			.param("store", storeId)
			.param("keyId", dataKey.masterKeyId())
			.param("wrapped", dataKey.wrapped())
			.param("access", this.cipher.seal(dataKey.key(), storeId, ACCESS, grant.accessToken()))
			.param("accessExpires", timestamp(grant.accessTokenExpiresAt()))
			.param("refresh", grant.refreshToken() == null ? null
					: this.cipher.seal(dataKey.key(), storeId, REFRESH, grant.refreshToken()))
			.param("refreshExpires", timestamp(grant.refreshTokenExpiresAt()))
			.param("scopes", grant.scope())
			.update();
	}

	/** The store's credential, locked until the transaction ends so that only one caller refreshes it. */
	Optional<Credential> lock(UUID storeId) {
		return this.jdbc.sql("select * from store_credential where store_id = :store for update")
			.param("store", storeId)
			.query(this::open)
			.optional();
	}

	void delete(UUID storeId) {
		this.jdbc.sql("delete from store_credential where store_id = :store").param("store", storeId).update();
	}

	private Credential open(ResultSet row, int rowNum) throws SQLException {
		UUID storeId = row.getObject("store_id", UUID.class);
		SecretKey dataKey = this.cipher.unwrap(storeId, row.getString("master_key_id"),
				row.getBytes("wrapped_data_key"));
		byte[] refresh = row.getBytes("refresh_token");
		return new Credential(this.cipher.open(dataKey, storeId, ACCESS, row.getBytes("access_token")),
				instant(row.getTimestamp("access_token_expires_at")),
				refresh == null ? null : this.cipher.open(dataKey, storeId, REFRESH, refresh),
				instant(row.getTimestamp("refresh_token_expires_at")), row.getString("scopes"),
				!this.cipher.currentKeyId().equals(row.getString("master_key_id")));
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/**
	 * A store's opened credential; {@code staleKey} when it was sealed under a rotated-out master key.
	 */
	record Credential(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
			Instant refreshTokenExpiresAt, String scopes, boolean staleKey) {

		@Override
		public String toString() {
			return "Credential[accessTokenExpiresAt=" + this.accessTokenExpiresAt + "]";
		}

	}

}
