package io.mipro.llm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces request starts per model evenly to stay under a requests-per-minute limit: each caller reserves the next
 * free slot and waits until it comes. No limit when {@code requestsPerMinute} is 0.
 */
final class RatePacer {

	private final long intervalNanos;

	private final Map<String, long[]> nextSlot = new ConcurrentHashMap<>();

	RatePacer(int requestsPerMinute) {
		this.intervalNanos = requestsPerMinute <= 0 ? 0 : 60_000_000_000L / requestsPerMinute;
	}

	/** How long to wait before starting a request to {@code model}. */
	Duration reserve(String model) {
		if (intervalNanos == 0) {
			return Duration.ZERO;
		}
		long[] slot = nextSlot.computeIfAbsent(model, m -> new long[] { System.nanoTime() });
		synchronized (slot) {
			long now = System.nanoTime();
			long start = Math.max(now, slot[0]);
			slot[0] = start + intervalNanos;
			return Duration.ofNanos(start - now);
		}
	}

}
