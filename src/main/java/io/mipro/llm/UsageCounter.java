package io.mipro.llm;

import java.util.concurrent.atomic.AtomicLong;

import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.Usage;

/**
 * One job's model usage as the provider saw it: every request sent (retries included) per role, requests answered
 * from the cache (in neither of the others), tokens, the retries among the sent requests, and corpus searches.
 */
public final class UsageCounter {

	private final AtomicLong promptCalls = new AtomicLong();

	private final AtomicLong taskCalls = new AtomicLong();

	private final AtomicLong judgeCalls = new AtomicLong();

	private final AtomicLong cachedCalls = new AtomicLong();

	private final AtomicLong inputTokens = new AtomicLong();

	private final AtomicLong outputTokens = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong retrievals = new AtomicLong();

	private final java.util.concurrent.atomic.DoubleAdder costUsd = new java.util.concurrent.atomic.DoubleAdder();

	private final AtomicLong unpricedCalls = new AtomicLong();

	/** Starts from what an earlier attempt of the job already recorded. */
	public UsageCounter(Usage start, long startRetries) {
		promptCalls.set(start.promptModelCalls());
		taskCalls.set(start.taskModelCalls());
		judgeCalls.set(start.judgeModelCalls());
		cachedCalls.set(start.cachedCalls());
		inputTokens.set(start.inputTokens());
		outputTokens.set(start.outputTokens());
		retries.set(startRetries);
		retrievals.set(start.retrievals());
		costUsd.add(start.costUsd());
		unpricedCalls.set(start.unpricedCalls());
	}

	public UsageCounter() {
		this(Usage.NONE, 0);
	}

	/** A request is about to be sent. */
	public void sent(ModelRole role, boolean retry) {
		(switch (role) {
			case PROMPT -> promptCalls;
			case TASK -> taskCalls;
			case JUDGE -> judgeCalls;
		}).incrementAndGet();
		if (retry) {
			retries.incrementAndGet();
		}
	}

	public void tokens(long input, long output) {
		inputTokens.addAndGet(input);
		outputTokens.addAndGet(output);
	}

	/** What an answered call cost; {@code null} when its model has no price (it is counted as unpriced). */
	public void cost(Double usd) {
		if (usd == null) {
			unpricedCalls.incrementAndGet();
		}
		else {
			costUsd.add(usd);
		}
	}

	public void cached() {
		cachedCalls.incrementAndGet();
	}

	/** A corpus was searched (a retrieve step; never a model call). */
	public void retrieved() {
		retrievals.incrementAndGet();
	}

	/** Adds what another counter recorded (one call's attempts and tokens, say) to this one. */
	public void add(UsageCounter other) {
		promptCalls.addAndGet(other.promptCalls.get());
		taskCalls.addAndGet(other.taskCalls.get());
		judgeCalls.addAndGet(other.judgeCalls.get());
		cachedCalls.addAndGet(other.cachedCalls.get());
		inputTokens.addAndGet(other.inputTokens.get());
		outputTokens.addAndGet(other.outputTokens.get());
		retries.addAndGet(other.retries.get());
		retrievals.addAndGet(other.retrievals.get());
		costUsd.add(other.costUsd.sum());
		unpricedCalls.addAndGet(other.unpricedCalls.get());
	}

	public Usage usage() {
		return new Usage(promptCalls.get(), taskCalls.get(), cachedCalls.get(), inputTokens.get(), outputTokens.get(),
				retrievals.get(), judgeCalls.get(), costUsd.sum(), unpricedCalls.get());
	}

	public long retries() {
		return retries.get();
	}

	public long sentCalls() {
		return promptCalls.get() + taskCalls.get() + judgeCalls.get();
	}

}
