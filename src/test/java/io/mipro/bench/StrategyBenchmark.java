package io.mipro.bench;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mipro.optimizer.CheckpointStore;
import io.mipro.optimizer.MiproConfig;
import io.mipro.optimizer.MiproOptimizer;
import io.mipro.optimizer.OptimizationListener;
import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.ScriptedModel;
import io.mipro.optimizer.Strategy;
import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.CancellationSignal;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's quality benchmark (run by bench/strategy-quality.sh, not by the test suite): reference against adaptive on
 * the {@link RewardSurfaceModel}'s hidden surface, auto=light, 100 train and 100 dev examples, over seeds 1..N.
 */
class StrategyBenchmark {

	static final Program STUDENT = Program.of(Predictor.single(ModuleKind.PREDICT,
			Signature.parse("question -> answer", "Answer the question.")));

	record Outcome(boolean optimal, boolean goodProposed, double best, long calls) {
	}

	static Outcome run(Strategy strategy, long seed, ExecutorService executor) {
		RewardSurfaceModel model = new RewardSurfaceModel();
		MiproConfig config = MiproConfig.builder().strategy(strategy).seed(seed).build();
		MiproOptimizer optimizer = new MiproOptimizer(config, STUDENT, Metrics.EXACT_MATCH,
				ScriptedModel.examples(100, 0), ScriptedModel.examples(100, 5000), List.of(), model, executor,
				InstantSource.system());
		OptimizationState end = optimizer.run(optimizer.initialState(), CheckpointStore.NONE,
				OptimizationListener.NONE, CancellationSignal.NEVER);
		Program best = optimizer.bestProgram(end);
		List<String> demoAnswers = best.predictor(0).demos().stream().map(Demo::values).map(v -> v.get("answer")).toList();
		boolean optimal = RewardSurfaceModel.optimal(best.predictor(0).signature().instructions(), demoAnswers);
		boolean goodProposed = end.candidates().get(0).stream().anyMatch(c -> RewardSurfaceModel.good(c.text()));
		if (Boolean.getBoolean("bench.verbose") && !optimal) {
			System.out.printf("seed %d %s: best trial %d %s instr good=%s demos=%d%n", seed, strategy, end.best().number(),
					end.best().params(), RewardSurfaceModel.good(best.predictor(0).signature().instructions()), demoAnswers.size());
			for (int j = 0; j < end.demoSets().size(); j++) {
				List<String> answers = end.demoSets().get(j).demosFor(0).stream().map(d -> d.get("answer")).toList();
				System.out.printf("  set %d: %d demos, good=%s%n", j, answers.size(),
						RewardSurfaceModel.optimal(RewardSurfaceModel.STYLES.get(1), answers));
			}
			end.candidates().get(0).forEach(c -> System.out.printf("  instr %d good=%s %s%n", c.index(),
					RewardSurfaceModel.good(c.text()), c.text()));
			end.trials().forEach(t -> System.out.printf("  trial %d %s %s %.1f%n", t.number(), t.kind(), t.params(), t.score()));
		}
		return new Outcome(optimal, goodProposed, end.best().score(), model.promptCalls.get() + model.taskCalls.get());
	}

	/** Per seed: the adaptive run's provider calls over the reference run's. */
	@Test
	void referenceAgainstAdaptive() {
		int seeds = Integer.getInteger("bench.seeds", 20);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			System.out.printf(Locale.ROOT, "%n%-10s %-8s %-14s %-16s %-12s %s%n", "strategy", "seeds", "optimum reached",
					"good proposed", "median best", "median calls (min-max)");
			List<List<Outcome>> both = new ArrayList<>();
			for (Strategy strategy : Strategy.values()) {
				List<Outcome> outcomes = new ArrayList<>();
				for (long seed = 1; seed <= seeds; seed++) {
					outcomes.add(run(strategy, seed, executor));
				}
				both.add(outcomes);
				long optimal = outcomes.stream().filter(Outcome::optimal).count();
				long proposed = outcomes.stream().filter(Outcome::goodProposed).count();
				double[] best = outcomes.stream().mapToDouble(Outcome::best).sorted().toArray();
				long[] calls = outcomes.stream().mapToLong(Outcome::calls).sorted().toArray();
				System.out.printf(Locale.ROOT, "%-10s %-8d %-14s %-16s %-12.1f %d (%d-%d)%n", strategy.key(), seeds,
						optimal + "/" + seeds, proposed + "/" + seeds, median(best), calls[calls.length / 2], calls[0],
						calls[calls.length - 1]);
			}
			double worst = 0;
			for (int i = 0; i < seeds; i++) {
				worst = Math.max(worst, both.get(1).get(i).calls() / (double) both.get(0).get(i).calls());
			}
			System.out.printf(Locale.ROOT, "largest ratio of adaptive to reference calls on one seed: %.3f%n", worst);
		}
		finally {
			executor.shutdown();
		}
	}

	/** Both strategies on the simulated model over the sample data (data/: 50 train, 20 dev), exact match. */
	@Test
	void onTheSimulatedModel() throws Exception {
		int seeds = Integer.getInteger("bench.seeds", 20);
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		List<io.mipro.optimizer.program.Example> train = examples(json, "data/train.json");
		List<io.mipro.optimizer.program.Example> dev = examples(json, "data/dev.json");
		Program qa = Program.of(Predictor.single(ModuleKind.PREDICT,
				Signature.parse("context, question -> answer", "Answer the question based on the given context.")));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			System.out.printf(Locale.ROOT, "%n%-10s %-8s %-12s %-12s %s%n", "strategy", "seeds", "median best",
					"best >= 45", "median calls (min-max)");
			for (Strategy strategy : Strategy.values()) {
				List<double[]> results = new ArrayList<>();
				for (long seed = 1; seed <= seeds; seed++) {
					io.mipro.llm.UsageCounter usage = new io.mipro.llm.UsageCounter();
					io.mipro.optimizer.spi.LanguageModel model = new io.mipro.llm.CachingLanguageModel(
							new io.mipro.llm.simulated.SimulatedLanguageModel(), null, usage, json);
					MiproOptimizer optimizer = new MiproOptimizer(MiproConfig.builder().strategy(strategy).seed(seed)
						.build(), qa, Metrics.EXACT_MATCH, train, dev, List.of(), model, executor, InstantSource.system());
					OptimizationState end = optimizer.run(optimizer.initialState(), CheckpointStore.NONE,
							OptimizationListener.NONE, CancellationSignal.NEVER);
					results.add(new double[] { end.best().score(), usage.sentCalls() });
					if (Boolean.getBoolean("bench.verbose") && end.best().score() < 45) {
						System.out.printf("seed %d %s best %.1f%n", seed, strategy, end.best().score());
						end.candidates().get(0).forEach(c -> System.out.printf("  instr %d %s%n", c.index(), c.text()));
						end.trials().forEach(t -> System.out.printf("  trial %d %s %s %.1f%n", t.number(), t.kind(),
								t.params(), t.score()));
					}
				}
				double[] best = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
				double[] calls = results.stream().mapToDouble(r -> r[1]).sorted().toArray();
				long good = results.stream().filter(r -> r[0] >= 45).count();
				System.out.printf(Locale.ROOT, "%-10s %-8d %-12.1f %-12s %.0f (%.0f-%.0f)%n", strategy.key(), seeds,
						median(best), good + "/" + seeds, median(calls), calls[0], calls[calls.length - 1]);
			}
		}
		finally {
			executor.shutdown();
		}
	}

	static List<io.mipro.optimizer.program.Example> examples(tools.jackson.databind.json.JsonMapper json, String file)
			throws Exception {
		List<java.util.Map<String, Object>> rows = json.readValue(java.nio.file.Files.readString(java.nio.file.Path.of(file)),
				new tools.jackson.core.type.TypeReference<List<java.util.Map<String, Object>>>() {
				});
		return rows.stream().map(row -> {
			java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
			row.forEach((k, v) -> values.put(k, String.valueOf(v)));
			return new io.mipro.optimizer.program.Example(values);
		}).toList();
	}

	static double median(double[] sorted) {
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}

}
