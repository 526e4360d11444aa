package io.mipro.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.mipro.job.JobStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Jobs by status and the queue depth, read from the database (the source of truth for every instance sharing it)
 * with one grouped count, reused for a few seconds so that a scrape of all the gauges costs one query.
 */
@Component
class JobMetrics implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final JdbcTemplate jdbc;

	private final Clock clock = Clock.systemUTC();

	private Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);

	private Instant readAt = Instant.MIN;

	JobMetrics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (JobStatus status : JobStatus.values()) {
			Gauge.builder("mipro.jobs", this, metrics -> metrics.count(status))
				.description("Stored jobs by status")
				.tag("status", status.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		Gauge.builder("mipro.jobs.queue.depth", this, metrics -> metrics.count(JobStatus.QUEUED))
			.description("Jobs waiting for a runner")
			.register(registry);
	}

	synchronized double count(JobStatus status) {
		Instant now = clock.instant();
		if (readAt.plus(FRESH).isBefore(now)) {
			Map<JobStatus, Long> fresh = new EnumMap<>(JobStatus.class);
			jdbc.query("SELECT status, COUNT(*) FROM job GROUP BY status",
					(java.sql.ResultSet rs) -> {
						fresh.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2));
					});
			counts = fresh;
			readAt = now;
		}
		return counts.getOrDefault(status, 0L);
	}

}
