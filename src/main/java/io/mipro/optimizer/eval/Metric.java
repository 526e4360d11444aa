package io.mipro.optimizer.eval;

import java.util.List;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.spi.LanguageModel;

/**
 * Scores one prediction against its gold example, usually in [0, 1]. Built-in metrics compare each of the program's
 * output fields with the example's value of the same name and average; other metrics (an LLM judge) implement this
 * interface too. A metric that cannot score an example (a judge whose verdict never parsed) throws
 * {@link MetricFailure}; the example is then a counted failure, never a silent 0.
 */
public interface Metric {

	String name();

	/**
	 * @throws MetricFailure when this example cannot be scored (it counts as a failure, like an unparseable answer)
	 */
	double score(Example gold, Prediction prediction, List<String> outputFields);

	/**
	 * The bootstrapping threshold when the job sets none: 1.0 for a metric that only ever answers 0 or 1 (a demo must
	 * be right), null (any non-zero score) for graded ones, as the reference does with boolean and float metrics.
	 */
	default Double defaultThreshold() {
		return null;
	}

	/**
	 * This metric calling its judge through {@code model}. The optimizer binds every metric to its own metered,
	 * cached and retried model before use, so judge calls are counted and budgeted like any other; metrics that call
	 * no model return themselves.
	 */
	default Metric bind(LanguageModel model) {
		return this;
	}

}
