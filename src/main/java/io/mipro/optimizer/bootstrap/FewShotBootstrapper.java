package io.mipro.optimizer.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.eval.MetricFailure;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.util.ParallelMap;
import io.mipro.optimizer.util.SeededRandom;

/**
 * BootstrapFewShot as MIPROv2 uses it (one round): a teacher (the student with labeled demos) runs over the training
 * examples in order until {@code maxBootstrapped} runs pass the metric; each passing run's trace becomes an augmented
 * demo per predictor, and labeled training examples fill the remaining slots up to {@code maxLabeled}.
 * <p>
 * Attempts run in parallel in windows no larger than the number of successes still needed: each attempt yields at
 * most one success, so the sequential run would have made every one of those attempts too. The result, the error
 * count and the calls made are therefore exactly those of the sequential algorithm.
 */
public final class FewShotBootstrapper {

	private final BootstrapSettings settings;

	public FewShotBootstrapper(BootstrapSettings settings) {
		this.settings = settings;
	}

	/**
	 * @param trainset the training examples in the order to attempt them
	 * @param random draws the teacher's labeled demos and the labeled fill
	 * @return one demo list per predictor: augmented demos first, then labeled ones
	 */
	public List<List<Demo>> bootstrap(Program student, List<Example> trainset, int maxBootstrapped, int maxLabeled,
			SeededRandom random) {
		Program teacher = maxLabeled > 0 ? withLabeledDemos(student, trainset, maxLabeled, random) : student;
		List<List<Demo>> augmented = new ArrayList<>();
		for (int p = 0; p < student.size(); p++) {
			augmented.add(new ArrayList<>());
		}
		boolean[] bootstrapped = new boolean[trainset.size()];
		int successes = 0;
		int errors = 0;
		int next = 0;
		while (successes < maxBootstrapped && next < trainset.size()) {
			int window = Math.min(maxBootstrapped - successes, trainset.size() - next);
			int from = next;
			List<Prediction> runs = ParallelMap.map(window, settings.concurrency(), settings.executor(),
					i -> attempt(teacher, trainset.get(from + i)));
			for (int i = 0; i < window && successes < maxBootstrapped; i++) {
				Prediction run = runs.get(i);
				Example example = trainset.get(from + i);
				String failure = run.parseFailed() ? run.failure() : null;
				double score = 0;
				if (failure == null) {
					try {
						score = settings.metric().score(example, run, student.outputNames());
					}
					catch (MetricFailure unscored) {
						failure = unscored.getMessage();
					}
				}
				if (failure != null) {
					errors++;
					if (errors >= settings.maxErrors()) {
						throw new OptimizerException("Bootstrapping stopped: the task model's answers (or the judge's "
								+ "verdicts on them) could not be parsed " + errors + " times (error budget "
								+ settings.maxErrors() + "); last: " + failure);
					}
					continue;
				}
				if (settings.accepts(score)) {
					successes++;
					bootstrapped[from + i] = true;
					for (Prediction.TraceEntry entry : run.trace()) {
						augmented.get(entry.predictorIndex()).add(augmentedDemo(entry));
					}
				}
			}
			next = from + window;
		}
		List<Example> rawPool = new ArrayList<>();
		for (int i = 0; i < trainset.size(); i++) {
			if (!bootstrapped[i]) {
				rawPool.add(trainset.get(i));
			}
		}
		List<List<Demo>> demos = new ArrayList<>();
		for (int p = 0; p < student.size(); p++) {
			List<Demo> predictorDemos = new ArrayList<>(augmented.get(p).subList(0, Math.min(maxBootstrapped, augmented.get(p).size())));
			int labeled = Math.max(0, Math.min(maxLabeled - predictorDemos.size(), rawPool.size()));
			random.sample(random.shuffled(rawPool), labeled).forEach(example -> predictorDemos.add(Demo.labeled(example)));
			demos.add(predictorDemos);
		}
		return demos;
	}

	private Prediction attempt(Program teacher, Example example) {
		Program withoutSelf = teacher;
		for (int p = 0; p < teacher.size(); p++) {
			List<Demo> others = teacher.predictor(p)
				.demos()
				.stream()
				.filter(demo -> !demo.values().equals(example.values()))
				.toList();
			withoutSelf = withoutSelf.with(p, teacher.predictor(p).withDemos(others));
		}
		return settings.runner().run(withoutSelf, example, "bootstrap");
	}

	private static Program withLabeledDemos(Program student, List<Example> trainset, int maxLabeled,
			SeededRandom random) {
		Program teacher = student;
		for (int p = 0; p < student.size(); p++) {
			List<Demo> labeled = random.sample(trainset, Math.min(maxLabeled, trainset.size()))
				.stream()
				.map(Demo::labeled)
				.toList();
			teacher = teacher.with(p, student.predictor(p).withDemos(labeled));
		}
		return teacher;
	}

	private static Demo augmentedDemo(Prediction.TraceEntry entry) {
		Map<String, String> values = new LinkedHashMap<>(entry.inputs());
		values.putAll(entry.outputs());
		return new Demo(values, true);
	}

}
