package io.mipro.optimizer.spi;

/** A model call that failed for good (its retries exhausted, or a fault no retry can fix). */
public class LanguageModelException extends RuntimeException {

	private final boolean transientFault;

	public LanguageModelException(String message, boolean transientFault, Throwable cause) {
		super(message, cause);
		this.transientFault = transientFault;
	}

	/** True when a later attempt might succeed (rate limit, 5xx, timeout): a job may pause rather than fail. */
	public boolean isTransient() {
		return transientFault;
	}

}
