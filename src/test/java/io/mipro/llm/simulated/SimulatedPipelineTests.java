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

	@Test
	void aRetrievalPipelineFindsItsPassagesAndImproves() throws Exception {
		List<String> corpus = JSON.readValue(Files.readString(Path.of("data", "corpus.json")),
				new tools.jackson.core.type.TypeReference<List<Map<String, String>>>() {
				}).stream().map(row -> row.get("passage")).toList();
		io.mipro.retrieval.Bm25Index index = new io.mipro.retrieval.Bm25Index(corpus);
		java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
		io.mipro.optimizer.spi.Retrieval retrieval = (name, query, k) -> {
			searches.incrementAndGet();
			return index.search(query, k);
		};
		Program rag = Program.pipeline(List.of(
				Predictor.named("rewrite", ModuleKind.PREDICT, Signature.parse("question -> query")),
				io.mipro.optimizer.program.Retriever.of("search", "corpus", 3, Signature.parse("query -> passages")),
				Predictor.named("answer", ModuleKind.CHAIN_OF_THOUGHT, Signature.parse("passages, question -> answer"))));
		LanguageModel model = new CachingLanguageModel(new SimulatedLanguageModel(), null, new UsageCounter(), JSON);
		MiproOptimizer optimizer = new MiproOptimizer(MiproConfig.builder().strategy(io.mipro.optimizer.Strategy.REFERENCE).build(), rag, Metrics.EXACT_MATCH,
				examples("train.json"), examples("dev.json"), List.of(), model, retrieval, executor,
				InstantSource.system());

		OptimizationState end = optimizer.run(optimizer.initialState(), CheckpointStore.NONE,
				OptimizationListener.NONE, CancellationSignal.NEVER);

		assertThat(end.best().score()).isGreaterThan(end.trials().get(0).score());
		assertThat(end.usage().retrievals()).isEqualTo(searches.get()).isPositive();
		// retrievals are never model calls: every program run searches once and calls the model twice
		assertThat(end.trials().get(0).usage().retrievals()).isEqualTo(20);
		assertThat(end.trials().get(0).usage().taskModelCalls()).isEqualTo(40);
		assertThat(optimizer.plan().numTrials()).as("trial formula with P = 2 predictors").isEqualTo(20);
	}

}
