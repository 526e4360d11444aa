package io.mipro.optimizer.eval;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;

/** The built-in metrics, by the names a job request uses. */
public final class Metrics {

	/** Normalized prediction equals normalized gold. */
	public static final Metric EXACT_MATCH = fieldwise("exact_match", Metrics::exactMatch, true);

	/** Token-level F1 of normalized prediction and gold (the SQuAD measure). */
	public static final Metric F1 = fieldwise("f1", Metrics::f1, false);

	/** Normalized gold appears, on token boundaries, inside the normalized prediction. */
	public static final Metric CONTAINS = fieldwise("contains", Metrics::contains, true);

	/** The last number in the prediction equals the gold number (e.g. a math answer after its working). */
	public static final Metric NUMERIC = fieldwise("numeric", Metrics::numeric, true);

	private static final Map<String, Metric> BY_NAME = Map.of("exact_match", EXACT_MATCH, "f1", F1, "contains",
			CONTAINS, "numeric", NUMERIC);

	private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?|-?\\.\\d+");

	private Metrics() {
	}

	public static List<String> names() {
		return List.of("exact_match", "f1", "contains", "numeric");
	}

	public static Metric byName(String name) {
		Metric metric = name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
		if (metric == null) {
			throw new IllegalArgumentException("unknown metric `" + name + "`; use one of " + names());
		}
		return metric;
	}

	/**
	 * Exact match against several gold answers held in one field, separated by {@code aliases} (e.g. {@code "|"} for
	 * {@code "NYC|New York City"}): the best match counts, as the reference's {@code EM(pred, answers)}. With a
	 * {@code field} only that output is compared; without, every output field is.
	 */
	public static Metric exactMatchOn(String field, String aliases) {
		if (aliases != null && aliases.isEmpty()) {
			throw new IllegalArgumentException("`aliases` must not be empty; leave it out for a single gold answer");
		}
		Metric each = fieldwise("exact_match", (predicted, gold) -> {
			if (aliases == null) {
				return exactMatch(predicted, gold);
			}
			double best = 0;
			for (String alias : gold.split(Pattern.quote(aliases), -1)) {
				best = Math.max(best, exactMatch(predicted, alias.strip()));
			}
			return best;
		}, true);
		if (field == null) {
			return each;
		}
		return new Metric() {
			@Override
			public String name() {
				return "exact_match";
			}

			@Override
			public double score(Example gold, Prediction prediction, List<String> outputFields) {
				return each.score(gold, prediction, List.of(field));
			}

			@Override
			public Double defaultThreshold() {
				return 1.0;
			}

			@Override
			public String toString() {
				return "exact_match(" + field + ")";
			}
		};
	}

	/**
	 * Averages a per-field score over the output fields; a field the gold example lacks scores 0. A binary metric
	 * (every per-field score 0 or 1) keeps a bootstrapped run only when it is fully right.
	 */
	private static Metric fieldwise(String name, BiFunction<String, String, Double> perField, boolean binary) {
		return new Metric() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public Double defaultThreshold() {
				return binary ? 1.0 : null;
			}

			@Override
			public double score(Example gold, Prediction prediction, List<String> outputFields) {
				double sum = 0;
				for (String field : outputFields) {
					String expected = gold.get(field);
					String predicted = prediction.get(field);
					sum += expected == null || predicted == null ? 0 : perField.apply(predicted, expected);
				}
				return outputFields.isEmpty() ? 0 : sum / outputFields.size();
			}

			@Override
			public String toString() {
				return name;
			}
		};
	}

	public static double exactMatch(String prediction, String gold) {
		return TextNormalizer.normalize(prediction).equals(TextNormalizer.normalize(gold)) ? 1 : 0;
	}

	public static double f1(String prediction, String gold) {
		List<String> predicted = TextNormalizer.tokens(TextNormalizer.normalize(prediction));
		List<String> expected = TextNormalizer.tokens(TextNormalizer.normalize(gold));
		Map<String, Integer> counts = new HashMap<>();
		expected.forEach(token -> counts.merge(token, 1, Integer::sum));
		int common = 0;
		for (String token : predicted) {
			Integer left = counts.get(token);
			if (left != null && left > 0) {
				common++;
				counts.put(token, left - 1);
			}
		}
		if (common == 0) {
			return 0;
		}
		double precision = (double) common / predicted.size();
		double recall = (double) common / expected.size();
		return 2 * precision * recall / (precision + recall);
	}

	public static double contains(String prediction, String gold) {
		String expected = TextNormalizer.normalize(gold);
		String predicted = TextNormalizer.normalize(prediction);
		if (expected.isEmpty()) {
			return predicted.isEmpty() ? 1 : 0;
		}
		return (" " + predicted + " ").contains(" " + expected + " ") ? 1 : 0;
	}

	public static double numeric(String prediction, String gold) {
		BigDecimal expected = lastNumber(gold);
		BigDecimal predicted = lastNumber(prediction);
		return expected != null && predicted != null && expected.compareTo(predicted) == 0 ? 1 : 0;
	}

	static BigDecimal lastNumber(String text) {
		Matcher matcher = NUMBER.matcher(text);
		String last = null;
		while (matcher.find()) {
			last = matcher.group();
		}
		if (last == null) {
			return null;
		}
		try {
			return new BigDecimal(last.replace(",", ""));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
