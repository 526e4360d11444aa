package io.mipro.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service talks to models ({@code mipro.llm.*}). The provider comes from server configuration only: a job
 * names models, never endpoints or keys.
 *
 * @param provider {@code auto} (OpenAI when an API key is configured, else the simulator), {@code openai} or
 * {@code simulated}
 * @param maxConcurrentPerModel calls in flight per model name, across all jobs (and, on PostgreSQL, all instances)
 * @param requestsPerMinute calls started per minute per model name (across the fleet on PostgreSQL); 0 for no limit
 * @param cache whether responses are cached in the database and reused
 * @param retry our retry policy for transient faults
 * @param simulatedLatency a delay the simulated model adds to each call, to make it behave like a remote model in
 * demos and crash tests (0 by default)
 * @param limits where the concurrency and rate limits are kept
 * @param cacheWait how long a call waits for an identical call in flight (here or on another instance) before it
 * calls the provider itself
 * @param cacheRetention how much of the response cache the pruner keeps
 */
@ConfigurationProperties("mipro.llm")
public record LlmProperties(@DefaultValue("auto") String provider, @DefaultValue("8") int maxConcurrentPerModel,
		@DefaultValue("0") int requestsPerMinute, @DefaultValue("true") boolean cache, @DefaultValue Retry retry,
		@DefaultValue("0ms") Duration simulatedLatency, @DefaultValue Limits limits,
		@DefaultValue("3m") Duration cacheWait, @DefaultValue CacheRetention cacheRetention) {

	public LlmProperties {
		if (maxConcurrentPerModel < 1 || requestsPerMinute < 0) {
			throw new IllegalArgumentException("mipro.llm.max-concurrent-per-model >= 1, requests-per-minute >= 0");
		}
	}

	/**
	 * Our retry policy for transient provider faults (429, 5xx, timeouts, connection errors): exponential backoff
	 * with jitter, honouring {@code Retry-After}, bounded in attempts and in total time.
	 */
	public record Retry(@DefaultValue("6") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
			@DefaultValue("2.0") double multiplier, @DefaultValue("20s") Duration maxBackoff,
			@DefaultValue("2m") Duration maxElapsed, @DefaultValue("0.2") double jitter) {

		public Retry {
			if (maxAttempts < 1 || multiplier < 1 || jitter < 0 || jitter > 1) {
				throw new IllegalArgumentException("mipro.llm.retry: maxAttempts >= 1, multiplier >= 1, jitter in [0, 1]");
			}
		}

	}

	/**
	 * Where the per-model limits live ({@code mipro.llm.limits.*}).
	 *
	 * @param scope {@code auto} (the fleet's shared database on PostgreSQL, this process on H2), {@code instance} or
	 * {@code fleet}
	 * @param permitLease how long a concurrency permit outlives its holder: a dead instance's permits come back after
	 * this; live holders renew theirs
	 */
	public record Limits(@DefaultValue("auto") String scope, @DefaultValue("30s") Duration permitLease) {

	}

	/**
	 * What the scheduled pruner keeps of {@code lm_cache} ({@code mipro.llm.cache-retention.*}).
	 *
	 * @param maxAge answers older than this are deleted; 0 keeps them forever
	 * @param maxRows beyond this many answers, the oldest are deleted; 0 for no cap
	 */
	public record CacheRetention(@DefaultValue("30d") Duration maxAge, @DefaultValue("1000000") long maxRows) {

	}

}
