package io.mipro.llm;

import java.sql.Timestamp;
import java.time.Instant;

import io.mipro.fleet.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code lm_cache} within {@code mipro.llm.cache-retention}: answers older than {@code max-age} go, then the
 * oldest beyond {@code max-rows}; also drops single-flight claims whose holder never cleared them. Deletes in small
 * batches (short transactions, no long locks) on a schedule ({@code mipro.retention.prune-interval}); ages are
 * measured with the database's clock. Any instance may prune: deleting twice deletes nothing.
 */
@Component
public class ResponseCachePruner {

	private static final Logger log = LoggerFactory.getLogger(ResponseCachePruner.class);

	static final int BATCH = 500;

	/** At most this many batches per run, so one run stays short; the next run continues. */
	static final int MAX_BATCHES = 200;

	private final JdbcTemplate jdbc;

	private final DatabaseClock clock;

	private final LlmProperties.CacheRetention retention;

	public ResponseCachePruner(JdbcTemplate jdbc, DatabaseClock clock, LlmProperties llm) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = llm.cacheRetention();
	}

	@Scheduled(initialDelayString = "${mipro.retention.prune-interval:10m}",
			fixedDelayString = "${mipro.retention.prune-interval:10m}")
	public void scheduled() {
		try {
			long pruned = prune();
			if (pruned > 0) {
				log.info("Pruned {} response-cache rows", pruned);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Pruning the response cache failed; the next run tries again: {}", ex.toString());
		}
	}

	/** One pruning pass; returns the cache rows deleted. */
	public long prune() {
		Instant now = clock.databaseNow();
		jdbc.update("DELETE FROM lm_cache_inflight WHERE expires_at < ?", Timestamp.from(now));
		long deleted = 0;
		if (!retention.maxAge().isZero()) {
			Timestamp cutoff = Timestamp.from(now.minus(retention.maxAge()));
			deleted += batches("DELETE FROM lm_cache WHERE cache_key IN (SELECT cache_key FROM lm_cache "
					+ "WHERE created_at < ? ORDER BY created_at FETCH FIRST " + BATCH + " ROWS ONLY)", cutoff);
		}
		if (retention.maxRows() > 0) {
			Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM lm_cache", Long.class);
			long excess = rows == null ? 0 : rows - retention.maxRows();
			for (int i = 0; excess > 0 && i < MAX_BATCHES; i++) {
				long batch = Math.min(excess, BATCH);
				int n = jdbc.update("DELETE FROM lm_cache WHERE cache_key IN (SELECT cache_key FROM lm_cache "
						+ "ORDER BY created_at, cache_key FETCH FIRST " + batch + " ROWS ONLY)");
				deleted += n;
				excess -= n;
				if (n == 0) {
					break;
				}
			}
		}
		return deleted;
	}

	private long batches(String sql, Object... args) {
		long deleted = 0;
		for (int i = 0; i < MAX_BATCHES; i++) {
			int n = jdbc.update(sql, args);
			deleted += n;
			if (n < BATCH) {
				break;
			}
		}
		return deleted;
	}

}
