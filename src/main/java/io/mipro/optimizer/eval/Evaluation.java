package io.mipro.optimizer.eval;

import java.util.List;

/**
 * The score of a program on a list of examples: {@code round(100 * sum / n, 2)}, a percentage like the reference's,
 * with the per-example results and the number of answers that could not be parsed.
 */
public record Evaluation(double score, List<ExampleResult> results, int parseFailures) {

	public Evaluation {
		results = List.copyOf(results);
	}

	public int size() {
		return results.size();
	}

}
