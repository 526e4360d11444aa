package io.mipro.job.internal;

import java.sql.Timestamp;

import io.mipro.fleet.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prunes {@code job_event} of jobs that ended longer ago than {@code mipro.jobs.event-retention}. Each such job
 * keeps its last event (the final status, with the error if it failed), so an event stream opened later still
 * tells how the job ended; trials, candidates and the artifact are never pruned. Small batches on a schedule
 * ({@code mipro.retention.prune-interval}); the age is measured with the database's clock.
 */
@Component
public class JobEventPruner {

	private static final Logger log = LoggerFactory.getLogger(JobEventPruner.class);

	static final int BATCH = 500;

	static final int MAX_BATCHES = 200;

	private static final String DELETE = "DELETE FROM job_event WHERE id IN (SELECT e.id FROM job_event e "
			+ "JOIN job j ON j.id = e.job_id WHERE j.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') "
			+ "AND j.finished_at < ? AND e.id < (SELECT MAX(x.id) FROM job_event x WHERE x.job_id = e.job_id) "
			+ "ORDER BY e.id FETCH FIRST " + BATCH + " ROWS ONLY)";

	private final JdbcTemplate jdbc;

	private final DatabaseClock clock;

	private final JobsProperties properties;

	public JobEventPruner(JdbcTemplate jdbc, DatabaseClock clock, JobsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${mipro.retention.prune-interval:10m}",
			fixedDelayString = "${mipro.retention.prune-interval:10m}")
	public void scheduled() {
		try {
			long pruned = prune();
			if (pruned > 0) {
				log.info("Pruned {} events of ended jobs", pruned);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Pruning job events failed; the next run tries again: {}", ex.toString());
		}
	}

	/** One pruning pass; returns the events deleted. */
	public long prune() {
		if (properties.eventRetention().isZero()) {
			return 0;
		}
		Timestamp cutoff = Timestamp.from(clock.databaseNow().minus(properties.eventRetention()));
		long deleted = 0;
		for (int i = 0; i < MAX_BATCHES; i++) {
			int n = jdbc.update(DELETE, cutoff);
			deleted += n;
			if (n < BATCH) {
				break;
			}
		}
		return deleted;
	}

}
