package io.mipro.optimizer.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The categorical parameters of the search, in the order the objective asks for them: per predictor {@code i},
 * {@code "{i}_predictor_instruction"} and (unless zero-shot) {@code "{i}_predictor_demos"}, each an index.
 */
public record SearchSpace(Map<String, Integer> choices) {

	public SearchSpace {
		choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
		choices.forEach((name, count) -> {
			if (count < 1) {
				throw new IllegalArgumentException(name + " has no choices");
			}
		});
	}

	public static String instructionParam(int predictor) {
		return predictor + "_predictor_instruction";
	}

	public static String demosParam(int predictor) {
		return predictor + "_predictor_demos";
	}

	/** The space for per-predictor instruction counts and, when not zero-shot, demo-set counts. */
	public static SearchSpace of(List<Integer> instructionCounts, List<Integer> demoSetCounts) {
		Map<String, Integer> choices = new LinkedHashMap<>();
		for (int i = 0; i < instructionCounts.size(); i++) {
			choices.put(instructionParam(i), instructionCounts.get(i));
			if (demoSetCounts != null) {
				choices.put(demosParam(i), demoSetCounts.get(i));
			}
		}
		return new SearchSpace(choices);
	}

	public List<String> names() {
		return new ArrayList<>(choices.keySet());
	}

	public int choicesOf(String name) {
		return choices.get(name);
	}

	/** Every parameter at index 0: the original instructions and no demos, i.e. the unoptimized program. */
	public Map<String, Integer> origin() {
		Map<String, Integer> params = new TreeMap<>();
		choices.keySet().forEach(name -> params.put(name, 0));
		return params;
	}

}
