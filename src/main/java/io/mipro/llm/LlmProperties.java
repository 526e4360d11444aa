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
 * @param maxConcurrentPerModel calls in flight per model name, across all jobs of this instance
 * @param requestsPerMinute calls started per minute per model name; 0 for no limit
 * @param cache whether responses are cached in the database and reused
 * @param simulatedLatency a delay the simulated model adds to each call, to make it behave like a remote model in
 * demos and crash tests (0 by default)
 */
@ConfigurationProperties("mipro.llm")
public record LlmProperties(@DefaultValue("auto") String provider, @DefaultValue("8") int maxConcurrentPerModel,
		@DefaultValue("0") int requestsPerMinute, @DefaultValue("true") boolean cache, @DefaultValue Retry retry,
		@DefaultValue("0ms") Duration simulatedLatency) {

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

}
