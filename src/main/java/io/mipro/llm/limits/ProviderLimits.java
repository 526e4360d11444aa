package io.mipro.llm.limits;

/**
 * Per-model limits that protect a provider: how many calls may be in flight and how fast calls may start. A caller
 * waits for its start slot first, holding nothing, and then takes a concurrency permit only for the request itself;
 * it never holds a permit while it sleeps (neither for the rate nor for a retry's backoff).
 */
public interface ProviderLimits {

	/** Blocks until the model's requests-per-minute limit lets one more request start (at once when unlimited). */
	void awaitStart(String model) throws InterruptedException;

	/** Takes one of the model's concurrency permits, waiting while all are in use; close it when the call ended. */
	Permit acquire(String model) throws InterruptedException;

	/** Where the limits hold: {@code instance} or {@code fleet}. */
	String scope();

	/** A concurrency permit; closing it twice is harmless. */
	interface Permit extends AutoCloseable {

		@Override
		void close();

	}

}
