package io.mipro.llm;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Backoff for transient faults: {@code initial * multiplier^(attempt-1)}, capped, with up to {@code jitter} of it
 * added at random so that parallel callers spread out; a server's {@code Retry-After} is honoured when longer.
 */
public final class BackoffSchedule {

	private final LlmProperties.Retry settings;

	public BackoffSchedule(LlmProperties.Retry settings) {
		this.settings = settings;
	}

	public int maxAttempts() {
		return settings.maxAttempts();
	}

	public Duration maxElapsed() {
		return settings.maxElapsed();
	}

	/** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
	public Duration backoff(int attempt, Duration retryAfter, RandomGenerator random) {
		double base = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
		double capped = Math.min(base, settings.maxBackoff().toMillis());
		long millis = Math.round(capped * (1 + settings.jitter() * random.nextDouble()));
		if (retryAfter != null && retryAfter.toMillis() > millis) {
			millis = retryAfter.toMillis();
		}
		return Duration.ofMillis(millis);
	}

	/** The worst case a call can take to fail, sleeping only (each attempt's own timeout comes on top). */
	public Duration worstCaseSleep() {
		long total = 0;
		for (int attempt = 1; attempt < settings.maxAttempts(); attempt++) {
			double base = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
			total += Math.round(Math.min(base, settings.maxBackoff().toMillis()) * (1 + settings.jitter()));
		}
		return Duration.ofMillis(Math.min(total, settings.maxElapsed().toMillis()));
	}

}
