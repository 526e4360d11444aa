package io.mipro.job.internal;

import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;

/**
 * A job's model, which refuses new calls once the execution lost its lease: the step in progress then ends at once
 * (its calls in flight finish, and their answers are discarded with the step), instead of running to its end for
 * nothing.
 */
final class LeaseGuardedModel implements LanguageModel {

	private final LanguageModel delegate;

	private final RunningJob execution;

	LeaseGuardedModel(LanguageModel delegate, RunningJob execution) {
		this.delegate = delegate;
		this.execution = execution;
	}

	@Override
	public Completion complete(ChatRequest request) {
		execution.checkLease();
		Completion completion = delegate.complete(request);
		execution.checkLease();
		return completion;
	}

}
