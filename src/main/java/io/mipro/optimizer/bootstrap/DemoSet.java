package io.mipro.optimizer.bootstrap;

import java.util.List;

import io.mipro.optimizer.program.Demo;

/**
 * One candidate demo set: index {@code j} of the search's demo parameter, with one demo list per predictor (they
 * come from the same bootstrap run, as in the reference).
 */
public record DemoSet(int index, Kind kind, List<List<Demo>> demosPerPredictor) {

	/** How the set was built (reference: set 0, set 1, set 2, sets 3+). */
	public enum Kind {

		/** Set 0: no demos; with the original instruction it is the unoptimized program. */
		ZERO_SHOT,
		/** Set 0 of a program that starts with demos (a stage-2 job): its own demos, unchanged. */
		STARTING,
		/** Set 1: raw training examples only. */
		LABELED,
		/** Set 2: bootstrapped over the training set in its order, topped up with labeled demos. */
		BOOTSTRAPPED,
		/** Sets 3+: bootstrapped over a shuffled training set with a random number of demos. */
		SHUFFLED_BOOTSTRAP

	}

	public DemoSet {
		demosPerPredictor = demosPerPredictor.stream().map(List::copyOf).toList();
	}

	public List<Demo> demosFor(int predictor) {
		return demosPerPredictor.get(predictor);
	}

	public int size() {
		return demosPerPredictor.stream().mapToInt(List::size).sum();
	}

}
