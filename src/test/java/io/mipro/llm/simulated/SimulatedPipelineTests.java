package io.mipro.llm.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mipro.llm.CachingLanguageModel;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.CheckpointStore;
import io.mipro.optimizer.MiproConfig;
import io.mipro.optimizer.MiproOptimizer;
import io.mipro.optimizer.OptimizationListener;
import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.eval.Evaluator;
import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.CancellationSignal;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A two-stage pipeline (find the evidence, then answer from it) optimized on the simulated model over the sample data:
 * the gain needs both predictors, because unguided the reader puts evidence in its own words (losing the detail the
 * answer needs) and answers with whole sentences.
 */
class SimulatedPipelineTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ExecutorService executor = Executors.newFixedThreadPool(8);

	@AfterAll
	static void shutdown() {
		executor.shutdown();
	}

	static List<Example> examples(String file) throws Exception {
		List<Map<String, Object>> rows = JSON.readValue(Files.readString(Path.of("data", file)),
				new tools.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
				});
		return rows.stream()
			.map(row -> {
				Map<String, String> values = new java.util.LinkedHashMap<>();
				row.forEach((k, v) -> values.put(k, String.valueOf(v)));
				return new Example(values);
			})
			.toList();
	}

	static final Program TWO_STAGE = Program.pipeline(List.of(
			Predictor.named("find", ModuleKind.PREDICT, Signature.parse("context, question -> evidence",
					"Find the evidence in the context for the question.")),
			Predictor.named("answer", ModuleKind.PREDICT,
					Signature.parse("evidence, question -> answer", "Answer the question from the evidence."))));

	@Test
	void theBestTwoStageProgramNeedsBothPredictors() throws Exception {
		LanguageModel model = new CachingLanguageModel(new SimulatedLanguageModel(), null, new UsageCounter(), JSON);
		List<Example> train = examples("train.json");
		List<Example> dev = examples("dev.json");
		MiproOptimizer optimizer = new MiproOptimizer(MiproConfig.builder().seed(9).build(), TWO_STAGE,
				Metrics.EXACT_MATCH, train, dev, List.of(), model, executor, InstantSource.system());

		OptimizationState end = optimizer.run(optimizer.initialState(), CheckpointStore.NONE,
				OptimizationListener.NONE, CancellationSignal.NEVER);

		Program best = optimizer.bestProgram(end);
		Evaluator evaluator = new Evaluator(new ProgramRunner(model, ModelSettings.of("m")), Metrics.EXACT_MATCH, 8,
				executor);
		double baseline = end.trials().get(0).score();
		double optimized = evaluator.evaluate(best, dev, "check").score();
		double onlyAnswer = evaluator.evaluate(best.with(0, TWO_STAGE.predictor(0)), dev, "check").score();
		double onlyFind = evaluator.evaluate(best.with(1, TWO_STAGE.predictor(1)), dev, "check").score();
		assertThat(optimized).isEqualTo(end.best().score()).isGreaterThan(baseline);
		assertThat(onlyAnswer).isLessThan(optimized);
		assertThat(onlyFind).isLessThan(optimized);
	}

}
