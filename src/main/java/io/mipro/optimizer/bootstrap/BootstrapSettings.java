package io.mipro.optimizer.bootstrap;

import java.util.concurrent.Executor;

import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.program.ProgramRunner;

/**
 * What bootstrapping needs besides the data: the runner (task model), the metric and its acceptance threshold
 * (null: any non-zero score is a success, as the reference's truthiness test has it), the error budget, and the
 * parallelism allowed.
 */
public record BootstrapSettings(ProgramRunner runner, Metric metric, Double metricThreshold, int maxErrors,
		int concurrency, Executor executor) {

	/** Whether the metric's score accepts a run as a demo. */
	boolean accepts(double score) {
		return metricThreshold == null ? score != 0 : score >= metricThreshold;
	}

}
