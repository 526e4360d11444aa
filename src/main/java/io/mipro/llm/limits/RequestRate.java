package io.mipro.llm.limits;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * A requests-per-minute limit as a Bucket4j token bucket: one token, refilled greedily at the configured rate, so
 * request starts are spaced evenly (60 s / rpm apart) and no burst ever exceeds the rate.
 */
final class RequestRate {

	private RequestRate() {
	}

	static BucketConfiguration perMinute(int requestsPerMinute) {
		return BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(1).refillGreedy(requestsPerMinute, Duration.ofMinutes(1)))
			.build();
	}

}
