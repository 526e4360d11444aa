package io.mipro.optimizer.bootstrap;

import java.util.ArrayList;
import java.util.List;

import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.util.SeededRandom;

/**
 * Builds demo set {@code j} of the search space the way the reference does: 0 empty, 1 labeled only, 2 bootstrapped
 * over the training set in order, 3+ bootstrapped over a shuffled copy with a random size in [1, B]. Each set draws
 * from its own generator, so sets can be built (and rebuilt after a crash) one at a time.
 * <p>
 * Set 0 with the original instructions is the program as it starts. A program that starts with demos of its own (a
 * stage-2 job continuing an optimized program) keeps them there, so its baseline is that program as it was and the
 * search can keep its demos; for a program without demos set 0 is empty, as in the reference.
 */
public final class DemoSetBuilder {

	private final FewShotBootstrapper bootstrapper;

	private final long seed;

	public DemoSetBuilder(FewShotBootstrapper bootstrapper, long seed) {
		this.bootstrapper = bootstrapper;
		this.seed = seed;
	}

	/**
	 * @param maxBootstrapped B (3 in zero-shot mode, where the sets only feed the proposer)
	 * @param maxLabeled L (0 in zero-shot mode)
	 */
	public DemoSet build(int j, Program student, List<Example> trainset, int maxBootstrapped, int maxLabeled) {
		if (j == 0) {
			List<List<Demo>> starting = student.predictors().stream().map(p -> p.demos()).toList();
			boolean none = starting.stream().allMatch(List::isEmpty);
			return new DemoSet(0, none ? DemoSet.Kind.ZERO_SHOT : DemoSet.Kind.STARTING, starting);
		}
		if (j == 1 && maxLabeled > 0) {
			SeededRandom random = SeededRandom.of(seed, "labeled-set");
			List<List<Demo>> demos = new ArrayList<>();
			for (int p = 0; p < student.size(); p++) {
				demos.add(random.sample(trainset, Math.min(maxLabeled, trainset.size()))
					.stream()
					.map(Demo::labeled)
					.toList());
			}
			return new DemoSet(1, DemoSet.Kind.LABELED, demos);
		}
		if (j == 2) {
			List<List<Demo>> demos = bootstrapper.bootstrap(student, trainset, maxBootstrapped, maxLabeled,
					SeededRandom.of(seed, "bootstrap", j));
			return new DemoSet(2, DemoSet.Kind.BOOTSTRAPPED, demos);
		}
		SeededRandom random = SeededRandom.of(seed, "demo-set", j);
		List<Example> shuffled = random.shuffled(trainset);
		// the reference calls randint(1, B) and crashes when B = 0; a labeled-only set is what such a run asks for
		int size = maxBootstrapped > 0 ? random.nextIntInclusive(1, maxBootstrapped) : 0;
		List<List<Demo>> demos = bootstrapper.bootstrap(student, shuffled, size, maxLabeled,
				SeededRandom.of(seed, "bootstrap", j));
		return new DemoSet(j, DemoSet.Kind.SHUFFLED_BOOTSTRAP, demos);
	}

}
