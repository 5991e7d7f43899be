package com.metricsdash.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_token} table: a token is found by the SHA-256 of itself, which is all that is stored of it. */
@Repository
class ApiTokenRepository {

	private final JdbcClient jdbc;

	ApiTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ApiToken insert(UUID storeId, String name, byte[] hash, Instant expiresAt) {
		return this.jdbc.sql("""
				insert into api_token (store_id, name, token_hash, expires_at) values (:storeId, :name, :hash, :expiresAt)
				returning id, name, created_at, expires_at, last_used_at""")
			.param("storeId", storeId)
			.param("name", name)
			.param("hash", hash)
			.param("expiresAt", Timestamp.from(expiresAt))
			.query(ApiTokenRepository::token)
			.single();
	}

	/** The store's tokens, newest first. */
	List<ApiToken> of(UUID storeId) {
		return this.jdbc.sql("""
				select id, name, created_at, expires_at, last_used_at from api_token where store_id = :storeId
				order by created_at desc""")
			.param("storeId", storeId)
			.query(ApiTokenRepository::token)
			.list();
	}

	/** Deletes one of the store's tokens; false when the store has no such token. */
	boolean delete(UUID storeId, UUID id) {
		return this.jdbc.sql("delete from api_token where store_id = :storeId and id = :id")
			.param("storeId", storeId)
			.param("id", id)
			.update() == 1;
	}

	void deleteAll(UUID storeId) {
		this.jdbc.sql("delete from api_token where store_id = :storeId").param("storeId", storeId).update();
	}

	/** The token with this hash. */
	Optional<Stored> find(byte[] hash) {
		return this.jdbc.sql("select id, store_id, expires_at from api_token where token_hash = :hash")
			.param("hash", hash)
			.query((row, number) -> new Stored(row.getObject("id", UUID.class), row.getObject("store_id", UUID.class),
					row.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/** Records a use, at most once a minute per token, so that a busy client does not write on every request. */
	void used(UUID id) {
		this.jdbc.sql("""
				update api_token set last_used_at = now()
				where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
			.param("id", id)
			.update();
	}

	private static ApiToken token(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		Timestamp lastUsed = row.getTimestamp("last_used_at");
		return new ApiToken(row.getObject("id", UUID.class), row.getString("name"),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("expires_at").toInstant(),
				(lastUsed != null) ? lastUsed.toInstant() : null);
	}

	/** A stored token: its store, until it expires. */
	record Stored(UUID id, UUID storeId, Instant expiresAt) {
	}

}
