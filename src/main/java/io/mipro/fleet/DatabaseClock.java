package io.mipro.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database's clock, which every instance of a fleet shares. SQL that sets or compares a lease uses
 * {@code CURRENT_TIMESTAMP} directly; code that needs the time in Java (the distributed rate buckets) reads this
 * clock: the instance's clock corrected by the offset to the database, measured once a minute.
 */
@Component
public class DatabaseClock implements InstantSource {

	private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

	private static final long REMEASURE_NANOS = Duration.ofMinutes(1).toNanos();

	/** Portable SQL (H2 and PostgreSQL) for "the database's now plus ? milliseconds". */
	public static final String NOW_PLUS_MILLIS = "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND";

	private final JdbcTemplate jdbc;

	private final FleetInstance instance;

	private volatile long offsetNanos;

	private volatile long measuredAt = Long.MIN_VALUE;

	public DatabaseClock(JdbcTemplate jdbc, FleetInstance instance) {
		this.jdbc = jdbc;
		this.instance = instance;
	}

	/** The database's time now, read from the database. */
	public Instant databaseNow() {
		OffsetDateTime now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", (rs, n) -> rs.getObject(1, OffsetDateTime.class));
		return now.toInstant();
	}

	/**
	 * How far this instance's clock is ahead of the database's (negative when behind), measured now from the middle
	 * of a round trip.
	 */
	public Duration measureSkew() {
		long before = System.nanoTime();
		Instant local = instance.clock().instant();
		Instant database = databaseNow();
		long roundTrip = System.nanoTime() - before;
		Duration skew = Duration.between(database.minusNanos(roundTrip / 2), local);
		offsetNanos = -skew.toNanos();
		measuredAt = System.nanoTime();
		return skew;
	}

	/** Logs the skew when it is large enough to have broken leases taken from instance clocks. */
	public Duration checkSkew(Duration lease) {
		Duration skew = measureSkew();
		if (skew.abs().compareTo(lease.dividedBy(2)) > 0) {
			log.warn("Clock skew: this instance's clock is {} ms {} the database's. Leases and rates use the database's "
					+ "clock, so jobs are safe; fix the clock (NTP) for correct timestamps.", skew.abs().toMillis(),
					skew.isNegative() ? "behind" : "ahead of");
		}
		return skew;
	}

	/** The database's time, estimated without a round trip (re-measured once a minute). */
	@Override
	public Instant instant() {
		if (System.nanoTime() - measuredAt > REMEASURE_NANOS || measuredAt == Long.MIN_VALUE) {
			try {
				measureSkew();
			}
			catch (RuntimeException unreachable) {
				// keep the last offset; the next call tries again
			}
		}
		return instance.clock().instant().plusNanos(offsetNanos);
	}

}
