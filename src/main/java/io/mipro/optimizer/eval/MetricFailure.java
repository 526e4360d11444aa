package io.mipro.optimizer.eval;

/**
 * A metric could not score one example (an LLM judge's verdict did not parse, even after its retry). The evaluator
 * counts the example as a failure, like an unparseable answer, so it is visible in the trial; a model fault is not
 * this, it propagates as a {@link io.mipro.optimizer.spi.LanguageModelException}.
 */
public class MetricFailure extends RuntimeException {

	public MetricFailure(String message) {
		super(message);
	}

}
