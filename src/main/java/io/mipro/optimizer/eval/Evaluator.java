package io.mipro.optimizer.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.Executor;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.util.ParallelMap;

/**
 * Runs a program over examples in parallel (at most {@code concurrency} at once) and scores it. A model fault is not
 * a score: the first one stops the evaluation and propagates, so the caller can retry or pause the job instead of
 * recording a misleading 0. Results come back in example order whatever the completion order.
 */
public final class Evaluator {

	private final ProgramRunner runner;

	private final Metric metric;

	private final int concurrency;

	private final Executor executor;

	public Evaluator(ProgramRunner runner, Metric metric, int concurrency, Executor executor) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1");
		}
		this.runner = runner;
		this.metric = metric;
		this.concurrency = concurrency;
		this.executor = executor;
	}

	public Metric metric() {
		return metric;
	}

	/** The same evaluator running programs with another runner (e.g. one that meters a single trial). */
	public Evaluator withRunner(ProgramRunner other) {
		return new Evaluator(other, metric, concurrency, executor);
	}

	/** The same evaluator with another runner and its metric's judge calling {@code model} (a trial's meter). */
	public Evaluator withRunner(ProgramRunner other, LanguageModel model) {
		return new Evaluator(other, metric.bind(model), concurrency, executor);
	}

	public Evaluation evaluate(Program program, List<Example> examples, String purpose) {
		List<String> outputs = program.outputNames();
		List<ExampleResult> results = ParallelMap.map(examples.size(), concurrency, executor, i -> {
			Example example = examples.get(i);
			Prediction prediction = runner.run(program, example, purpose);
			if (prediction.parseFailed()) {
				return new ExampleResult(i, prediction, 0);
			}
			try {
				return new ExampleResult(i, prediction, metric.score(example, prediction, outputs));
			}
			catch (MetricFailure unscored) {
				// counted with the unparseable answers, so a judge that cannot be read is visible, never a silent 0
				return new ExampleResult(i, Prediction.failed(prediction.trace(), unscored.getMessage()), 0);
			}
		});
		double sum = 0;
		int parseFailures = 0;
		for (ExampleResult result : results) {
			sum += result.score();
			parseFailures += result.prediction().parseFailed() ? 1 : 0;
		}
		return new Evaluation(percentage(sum, examples.size()), results, parseFailures);
	}

	/** {@code round(100 * sum / n, 2)} with Python's rounding of the exact binary value (half to even). */
	public static double percentage(double sum, int n) {
		if (n == 0) {
			return 0;
		}
		return new BigDecimal(100 * sum / n).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
	}

}
