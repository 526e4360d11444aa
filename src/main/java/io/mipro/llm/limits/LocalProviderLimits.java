package io.mipro.llm.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Limits kept in this process: a fair semaphore per model for concurrency and a Bucket4j bucket per model for the
 * request rate. Right for one instance (the embedded H2 default); a fleet on PostgreSQL uses
 * {@link FleetProviderLimits}.
 */
public final class LocalProviderLimits implements ProviderLimits {

	private final int maxConcurrent;

	private final int requestsPerMinute;

	private final TimeMeter time;

	private final BlockingStrategy waiting;

	private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

	private final Map<String, Bucket> rates = new ConcurrentHashMap<>();

	public LocalProviderLimits(int maxConcurrent, int requestsPerMinute) {
		this(maxConcurrent, requestsPerMinute, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
	}

	/** With the bucket's time and waiting replaceable, so tests need no real time. */
	public LocalProviderLimits(int maxConcurrent, int requestsPerMinute, TimeMeter time, BlockingStrategy waiting) {
		this.maxConcurrent = maxConcurrent;
		this.requestsPerMinute = requestsPerMinute;
		this.time = time;
		this.waiting = waiting;
	}

	@Override
	public void awaitStart(String model) throws InterruptedException {
		if (requestsPerMinute <= 0) {
			return;
		}
		Bucket bucket = rates.computeIfAbsent(model, m -> Bucket.builder()
			.addLimit(RequestRate.perMinute(requestsPerMinute).getBandwidths()[0])
			.withCustomTimePrecision(time)
			.build());
		bucket.asBlocking().consume(1, waiting);
	}

	@Override
	public Permit acquire(String model) throws InterruptedException {
		Semaphore semaphore = permits.computeIfAbsent(model, m -> new Semaphore(maxConcurrent, true));
		semaphore.acquire();
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				semaphore.release();
			}
		};
	}

	/** Permits of {@code model} free now (for tests and diagnostics). */
	public int available(String model) {
		Semaphore semaphore = permits.get(model);
		return semaphore == null ? maxConcurrent : semaphore.availablePermits();
	}

	@Override
	public String scope() {
		return "instance";
	}

}
