package io.mipro.job.internal;

import java.time.Duration;
import java.util.UUID;

import io.mipro.fleet.DatabaseClock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A running job's lease, always timed by the database's clock ({@code CURRENT_TIMESTAMP} in the statement itself),
 * never by an instance's: instances whose clocks disagree still agree on whether a lease ran out. JPA never writes
 * {@code lease_until}; these statements are the only writers.
 */
@Component
public class JobLeases {

	private final JdbcTemplate jdbc;

	private final Duration lease;

	public JobLeases(JdbcTemplate jdbc, JobsProperties properties) {
		this.jdbc = jdbc;
		this.lease = properties.leaseDuration();
	}

	/** Starts the lease of a job just claimed (in the claim's transaction). */
	void start(UUID job) {
		jdbc.update("UPDATE job SET lease_until = " + DatabaseClock.NOW_PLUS_MILLIS + " WHERE id = ?", lease.toMillis(),
				job);
	}

	/**
	 * Extends the lease if this execution still holds it: the job is RUNNING, owned by this instance, in this
	 * attempt. Returns false when it does not: another instance took the job over (or it ended, or was deleted).
	 */
	boolean renew(RunningJob execution) {
		return jdbc.update("UPDATE job SET lease_until = " + DatabaseClock.NOW_PLUS_MILLIS
				+ " WHERE id = ? AND owner = ? AND attempt = ? AND status = 'RUNNING'", lease.toMillis(),
				execution.jobId(), execution.owner(), execution.attempt()) == 1;
	}

	/** The job left RUNNING: no lease any more. */
	void clear(UUID job) {
		jdbc.update("UPDATE job SET lease_until = NULL WHERE id = ?", job);
	}

	Duration duration() {
		return lease;
	}

}
