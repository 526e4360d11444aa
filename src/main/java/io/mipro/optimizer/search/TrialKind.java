package io.mipro.optimizer.search;

/** What a trial evaluated, and on what. */
public enum TrialKind {

	/** The unmodified program on the full validation set (trial 1). */
	BASELINE,
	/** A sampled combination on a random minibatch of the validation set. */
	MINIBATCH,
	/** A sampled combination on the full validation set (when minibatching is off). */
	FULL,
	/** The best-mean combination not yet fully evaluated, on the full validation set (every S minibatch trials). */
	FULL_EVAL,
	/**
	 * Adaptive strategy: a newly proposed instruction (or the original) with a fixed demo set on a small minibatch
	 * shared by every instruction screened, so their scores compare on the same examples.
	 */
	SCREEN;

	/** True for scores on the whole validation set, the only ones that can select the final program. */
	public boolean isFull() {
		return this != MINIBATCH && this != SCREEN;
	}

	/** Scores on part of the validation set, which periodic full evaluations rank combinations by. */
	public boolean isPartial() {
		return !isFull();
	}

}
