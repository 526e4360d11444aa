package io.mipro.job.internal;

import java.util.Locale;

import javax.sql.DataSource;

import io.mipro.fleet.Databases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL channel on which instances tell each other that a job has new events: {@code NOTIFY} is sent in the
 * transaction that stores them, so it is delivered when (and only if) that transaction commits. The channel's name
 * includes the schema, so services (and test runs) sharing one database in different schemas do not hear each
 * other. Absent on H2, where one instance is all there is.
 */
@Component
public class JobEventChannel {

	private static final String PREFIX = "mipro_job_events_";

	private final JdbcTemplate jdbc;

	private final String name;

	public JobEventChannel(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.name = Databases.isPostgres(dataSource)
				? channelFor(jdbc.queryForObject("SELECT current_schema()", String.class)) : null;
	}

	/** A valid, unquoted PostgreSQL identifier (at most 63 characters) for a schema's channel. */
	static String channelFor(String schema) {
		String safe = schema == null ? "public" : schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		String channel = PREFIX + safe;
		if (channel.length() > 63) {
			channel = PREFIX + Integer.toHexString(schema.hashCode()) + "_" + safe.substring(0, 63 - PREFIX.length() - 9);
		}
		return channel;
	}

	public boolean enabled() {
		return name != null;
	}

	/** The channel's name, or null on H2. */
	public String name() {
		return name;
	}

	/** Tells the other instances, once this transaction commits, that the job has new events. */
	void notifyAppended(java.util.UUID job) {
		if (name != null) {
			jdbc.query("SELECT pg_notify(?, ?)", (ResultSetExtractor<Void>) rs -> null, name, job.toString());
		}
	}

}
