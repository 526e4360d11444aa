package io.mipro.optimizer.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The categorical parameters of the search, in the order the objective asks for them: per predictor {@code i},
 * {@code "{i}_predictor_instruction"} and (unless zero-shot) {@code "{i}_predictor_demos"}. Each parameter takes one
 * of a list of values (candidate indices): all of them in the reference, only the instructions screening kept in
 * the adaptive strategy. Trials always record the value itself, so a trial outside a narrower space is simply left
 * out of what the sampler learns from.
 */
public record SearchSpace(Map<String, List<Integer>> values) {

	public SearchSpace {
		Map<String, List<Integer>> copy = new LinkedHashMap<>();
		values.forEach((name, list) -> {
			if (list.isEmpty()) {
				throw new IllegalArgumentException(name + " has no choices");
			}
			copy.put(name, List.copyOf(list));
		});
		values = Collections.unmodifiableMap(copy);
	}

	/** Every parameter takes the values 0 .. count - 1. */
	public static SearchSpace counts(Map<String, Integer> counts) {
		Map<String, List<Integer>> values = new LinkedHashMap<>();
		counts.forEach((name, count) -> values.put(name, IntStream.range(0, count).boxed().toList()));
		return new SearchSpace(values);
	}

	public static String instructionParam(int predictor) {
		return predictor + "_predictor_instruction";
	}

	public static String demosParam(int predictor) {
		return predictor + "_predictor_demos";
	}

	/** The space for per-predictor instruction counts and, when not zero-shot, demo-set counts. */
	public static SearchSpace of(List<Integer> instructionCounts, List<Integer> demoSetCounts) {
		List<List<Integer>> instructions = instructionCounts.stream()
			.map(count -> IntStream.range(0, count).boxed().toList())
			.toList();
		return ofInstructions(instructions, demoSetCounts);
	}

	/** The space for the given instruction candidates per predictor and, when not zero-shot, demo-set counts. */
	public static SearchSpace ofInstructions(List<List<Integer>> instructions, List<Integer> demoSetCounts) {
		Map<String, List<Integer>> values = new LinkedHashMap<>();
		for (int i = 0; i < instructions.size(); i++) {
			values.put(instructionParam(i), instructions.get(i));
			if (demoSetCounts != null) {
				values.put(demosParam(i), IntStream.range(0, demoSetCounts.get(i)).boxed().toList());
			}
		}
		return new SearchSpace(values);
	}

	public List<String> names() {
		return new ArrayList<>(values.keySet());
	}

	public int choicesOf(String name) {
		return values.get(name).size();
	}

	public List<Integer> valuesOf(String name) {
		return values.get(name);
	}

	/** Whether a trial's parameters all lie in this space. */
	public boolean contains(Map<String, Integer> params) {
		return values.entrySet().stream().allMatch(e -> e.getValue().contains(params.get(e.getKey())));
	}

	/** Every parameter at index 0: the original instructions and no demos, i.e. the unoptimized program. */
	public Map<String, Integer> origin() {
		Map<String, Integer> params = new TreeMap<>();
		values.keySet().forEach(name -> params.put(name, 0));
		return params;
	}

}
