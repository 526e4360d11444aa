package io.mipro.optimizer;

/** The optimization cannot go on for a reason no retry fixes (for example, bootstrapping exhausted its error budget). */
public class OptimizerException extends RuntimeException {

	public OptimizerException(String message) {
		super(message);
	}

}
