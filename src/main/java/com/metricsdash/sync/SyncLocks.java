package com.metricsdash.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * One sync per store across every instance: a PostgreSQL advisory lock held on its own connection for as long as the
 * sync runs. A crash closes the connection and so releases the lock at once, and the next dispatch resumes the sync.
 */
@Component
class SyncLocks {

	private final DataSource dataSource;

	SyncLocks(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The store's lock if no one holds it; close it to release. */
	Optional<AutoCloseable> tryLock(UUID storeId) {
		long key = storeId.getMostSignificantBits() ^ storeId.getLeastSignificantBits();
		try {
			Connection connection = this.dataSource.getConnection();
			try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
				statement.setLong(1, key);
				try (ResultSet result = statement.executeQuery()) {
					if (result.next() && result.getBoolean(1)) {
						return Optional.of(() -> release(connection, key));
					}
				}
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not take the sync lock of store " + storeId, ex);
		}
	}

	private static void release(Connection connection, long key) throws SQLException {
		try (connection; PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
			statement.setLong(1, key);
			statement.execute();
		}
	}

}
