package io.mipro.llm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.mipro.fleet.DatabaseClock;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModelException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Model responses persisted by request key, shared by every job and instance, with single flight: of identical
 * requests made at the same time only one reaches the provider, and the others wait for its answer.
 * <ul>
 * <li>In this process, a future per key in flight: a second caller waits for the first one's answer.</li>
 * <li>Across instances (PostgreSQL), a claim row per key in {@code lm_cache_inflight}: the instance that inserts it
 * calls the provider; the others poll {@code lm_cache} for the answer. A claim expires (its holder may have died),
 * and a waiter never waits longer than {@code mipro.llm.cache-wait}: then it calls the provider itself.</li>
 * </ul>
 * A waiter whose leader failed calls the provider itself (with its own retries), so one job's failure never becomes
 * another's. Each write commits on its own, so a job that dies mid-step still finds the answers it had paid for.
 */
public class ResponseCache {

	private static final String CLAIM = "INSERT INTO lm_cache_inflight (cache_key, holder, expires_at) VALUES (?, ?, "
			+ DatabaseClock.NOW_PLUS_MILLIS + ") ON CONFLICT (cache_key) DO UPDATE SET holder = EXCLUDED.holder, "
			+ "expires_at = EXCLUDED.expires_at WHERE lm_cache_inflight.expires_at < CURRENT_TIMESTAMP";

	private final JdbcTemplate jdbc;

	private final boolean shared;

	private final String instance;

	private final Duration wait;

	private final Map<String, CompletableFuture<Completion>> inflight = new ConcurrentHashMap<>();

	/**
	 * @param shared whether other instances share the database (PostgreSQL): then single flight spans them too
	 * @param wait how long a caller waits for an identical call in flight before calling itself; also how long a
	 * claim lasts
	 */
	public ResponseCache(JdbcTemplate jdbc, boolean shared, String instance, Duration wait) {
		this.jdbc = jdbc;
		this.shared = shared;
		this.instance = instance;
		this.wait = wait;
	}

	public Optional<Completion> find(String key) {
		List<Completion> rows = jdbc.query(
				"SELECT response, input_tokens, output_tokens FROM lm_cache WHERE cache_key = ?",
				(rs, n) -> new Completion(rs.getString(1), rs.getLong(2), rs.getLong(3), true), key);
		return rows.stream().findFirst();
	}

	/**
	 * The answer to the request with this key: from the cache, from an identical call in flight, or from
	 * {@code call}, whose answer is then cached. The result is marked {@code cached} unless this caller called.
	 */
	public Completion answer(String key, String provider, String model, Supplier<Completion> call) {
		Optional<Completion> hit = find(key);
		if (hit.isPresent()) {
			return hit.get();
		}
		CompletableFuture<Completion> mine = new CompletableFuture<>();
		CompletableFuture<Completion> leader = inflight.putIfAbsent(key, mine);
		if (leader != null) {
			Optional<Completion> theirs = awaitLeader(leader);
			return theirs.isPresent() ? theirs.get() : callAndStore(key, provider, model, call);
		}
		try {
			Completion completion = shared ? acrossInstances(key, provider, model, call)
					: callAndStore(key, provider, model, call);
			mine.complete(completion);
			return completion;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			inflight.remove(key, mine);
		}
	}

	private Optional<Completion> awaitLeader(CompletableFuture<Completion> leader) {
		try {
			Completion theirs = leader.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return Optional.of(theirs.cached() ? theirs : cached(theirs));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LanguageModelException("interrupted while waiting for an identical call", true, ex);
		}
		catch (ExecutionException | TimeoutException leaderFailedOrSlow) {
			return Optional.empty();
		}
	}

	private static Completion cached(Completion completion) {
		return new Completion(completion.text(), completion.inputTokens(), completion.outputTokens(), true);
	}

	private Completion callAndStore(String key, String provider, String model, Supplier<Completion> call) {
		Completion completion = call.get();
		put(key, provider, model, completion);
		return completion;
	}

	/** Single flight across the instances sharing the database. */
	private Completion acrossInstances(String key, String provider, String model, Supplier<Completion> call) {
		long deadline = System.nanoTime() + wait.toNanos();
		long pause = 10;
		while (true) {
			if (jdbc.update(CLAIM, key, instance, wait.toMillis()) == 1) {
				try {
					// another instance may have answered between our cache miss and our claim
					Optional<Completion> hit = find(key);
					return hit.isPresent() ? hit.get() : callAndStore(key, provider, model, call);
				}
				finally {
					jdbc.update("DELETE FROM lm_cache_inflight WHERE cache_key = ? AND holder = ?", key, instance);
				}
			}
			// another instance is calling: wait for its answer, not longer than our wait
			if (System.nanoTime() > deadline) {
				return callAndStore(key, provider, model, call);
			}
			sleep(pause);
			pause = Math.min(200, pause * 2);
			Optional<Completion> theirs = find(key);
			if (theirs.isPresent()) {
				return theirs.get();
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LanguageModelException("interrupted while waiting for an identical call", true, ex);
		}
	}

	public void put(String key, String provider, String model, Completion completion) {
		try {
			jdbc.update("INSERT INTO lm_cache (cache_key, provider, model, response, input_tokens, output_tokens, "
					+ "created_at) VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)", key, provider, model,
					completion.text(), completion.inputTokens(), completion.outputTokens());
		}
		catch (DuplicateKeyException alreadyCached) {
			// another job stored the same answer first
		}
	}

	public long size() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM lm_cache", Long.class);
		return count == null ? 0 : count;
	}

}
