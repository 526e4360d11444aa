package io.mipro.optimizer.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one place trial scores are aggregated: the mean per combination (which periodic full evaluations rank), the
 * mean per value of one parameter (the instruction history and the candidate views), and the best full score.
 */
public final class TrialScores {

	private TrialScores() {
	}

	/** A running mean. */
	public record Mean(double sum, int count) {

		static final Mean EMPTY = new Mean(0, 0);

		Mean plus(double score) {
			return new Mean(sum + score, count + 1);
		}

		public double value() {
			return sum / count;
		}

	}

	/** Mean score of the selected trials per combination, in order of each combination's first trial. */
	public static Map<Map<String, Integer>, Mean> byCombination(List<Trial> trials, Predicate<Trial> selected) {
		Map<Map<String, Integer>, Mean> means = new LinkedHashMap<>();
		for (Trial trial : trials) {
			if (selected.test(trial)) {
				means.merge(trial.params(), Mean.EMPTY.plus(trial.score()), TrialScores::combine);
			}
		}
		return means;
	}

	/** Mean score of the selected trials per value of {@code param}, in order of first use. */
	public static Map<Integer, Mean> byParam(List<Trial> trials, String param, Predicate<Trial> selected) {
		Map<Integer, Mean> means = new LinkedHashMap<>();
		for (Trial trial : trials) {
			Integer value = trial.params().get(param);
			if (value != null && selected.test(trial)) {
				means.merge(value, Mean.EMPTY.plus(trial.score()), TrialScores::combine);
			}
		}
		return means;
	}

	private static Mean combine(Mean a, Mean b) {
		return new Mean(a.sum() + b.sum(), a.count() + b.count());
	}

	/** The trial with the highest full-validation score; earlier wins ties (strictly greater replaces). */
	public static Trial best(List<Trial> trials) {
		Trial best = null;
		for (Trial trial : trials) {
			if (trial.kind().isFull() && (best == null || trial.score() > best.score())) {
				best = trial;
			}
		}
		if (best == null) {
			throw new IllegalStateException("no full evaluation yet");
		}
		return best;
	}

}
