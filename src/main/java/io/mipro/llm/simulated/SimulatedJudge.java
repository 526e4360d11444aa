package io.mipro.llm.simulated;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mipro.optimizer.eval.TextNormalizer;

/**
 * The simulated model as a judge: not a judgement at all, but a word-overlap measure, deterministic and stated as
 * such in its reasoning, so {@code llm_judge} and {@code semantic_f1} jobs run offline. It reads only the judge's
 * prompt (which, as for any judge, holds the gold answer and the prediction). For a rubric verdict it answers
 * {@code round(scale * F1)} of the prediction's and the gold's words; for semantic F1 it answers the share of gold
 * words the response contains (recall) and of response words the gold contains (precision).
 */
final class SimulatedJudge {

	static final String DISCLAIMER = "Simulated judge: word overlap between the prediction and the gold answer, "
			+ "not an assessment of meaning.";

	private SimulatedJudge() {
	}

	static boolean isVerdict(PromptView prompt) {
		return prompt.outputs("verdict") && prompt.request().containsKey("rubric");
	}

	static boolean isSemanticF1(PromptView prompt) {
		return prompt.outputs("recall") && prompt.outputs("precision")
				&& prompt.request().containsKey("ground_truth");
	}

	static Map<String, String> verdict(Map<String, String> request) {
		int scale = scale(request.getOrDefault("scale", "5"));
		List<String> gold = words(request.getOrDefault("gold", ""));
		List<String> predicted = words(request.getOrDefault("prediction", ""));
		double recall = share(gold, predicted);
		double precision = share(predicted, gold);
		double f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
		Map<String, String> outputs = new LinkedHashMap<>();
		outputs.put("reasoning", DISCLAIMER + String.format(Locale.ROOT, " Overlap F1 %.2f on a scale of %d.", f1,
				scale));
		outputs.put("verdict", Long.toString(Math.round(scale * f1)));
		return outputs;
	}

	static Map<String, String> semanticF1(Map<String, String> request) {
		List<String> gold = words(request.getOrDefault("ground_truth", ""));
		List<String> response = words(request.getOrDefault("system_response", ""));
		Map<String, String> outputs = new LinkedHashMap<>();
		outputs.put("reasoning", DISCLAIMER);
		outputs.put("recall", String.format(Locale.ROOT, "%.2f", share(gold, response)));
		outputs.put("precision", String.format(Locale.ROOT, "%.2f", share(response, gold)));
		return outputs;
	}

	/** The share of {@code of}'s words (counted with multiplicity) that {@code in} also has; 0 for no words. */
	static double share(List<String> of, List<String> in) {
		if (of.isEmpty()) {
			return 0;
		}
		Map<String, Integer> left = new HashMap<>();
		in.forEach(word -> left.merge(word, 1, Integer::sum));
		int common = 0;
		for (String word : of) {
			Integer n = left.get(word);
			if (n != null && n > 0) {
				common++;
				left.put(word, n - 1);
			}
		}
		return (double) common / of.size();
	}

	private static List<String> words(String text) {
		String normalized = TextNormalizer.normalize(text);
		return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
	}

	private static int scale(String text) {
		try {
			return Math.max(1, Integer.parseInt(text.strip()));
		}
		catch (NumberFormatException ex) {
			return 5;
		}
	}

}
