package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One or more predictors run in order. Each predictor reads its inputs from the example and from the outputs of
 * the predictors before it, so a multi-stage program is a pipeline; the search space has one instruction index and
 * one demo-set index per predictor either way.
 */
public record Program(List<Predictor> predictors) {

	public Program {
		predictors = List.copyOf(predictors);
		if (predictors.isEmpty()) {
			throw new IllegalArgumentException("a program needs at least one predictor");
		}
		Set<String> names = new HashSet<>();
		for (Predictor predictor : predictors) {
			if (!names.add(predictor.name())) {
				throw new IllegalArgumentException("two predictors are named `" + predictor.name() + "`");
			}
		}
	}

	public static Program of(Predictor predictor) {
		return new Program(List.of(predictor));
	}

	public int size() {
		return predictors.size();
	}

	public Predictor predictor(int index) {
		return predictors.get(index);
	}

	public Program with(int index, Predictor predictor) {
		List<Predictor> copy = new ArrayList<>(predictors);
		copy.set(index, predictor);
		return new Program(copy);
	}

	/** The program's final outputs: the declared outputs of its last predictor. */
	public List<Field> outputs() {
		return predictors.get(predictors.size() - 1).signature().outputs();
	}

	/** Fields the program reads from an example: inputs no earlier predictor produces. */
	public List<String> exampleInputs() {
		Set<String> produced = new HashSet<>();
		List<String> needed = new ArrayList<>();
		for (Predictor predictor : predictors) {
			for (Field input : predictor.signature().inputs()) {
				if (!produced.contains(input.name()) && !needed.contains(input.name())) {
					needed.add(input.name());
				}
			}
			predictor.effectiveSignature().outputs().forEach(out -> produced.add(out.name()));
		}
		return needed;
	}

}
