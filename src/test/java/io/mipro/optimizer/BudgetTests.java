package io.mipro.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.CancellationSignal;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.Prices;
import io.mipro.optimizer.spi.Retrieval;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The token and cost budgets stop a run like the call budget: before a step, keeping the best program so far. */
class BudgetTests {

	static final ExecutorService executor = Executors.newFixedThreadPool(4);

	/** $1 per million input tokens, $10 per million output tokens: a call of 100 + 10 tokens costs $0.0002. */
	static final Prices PRICES = model -> new Prices.Price(1.0, 10.0);

	@AfterAll
	static void shutdown() {
		executor.shutdownNow();
	}

	/** The scripted model, each answer reporting 100 input and 10 output tokens. */
	static LanguageModel priced() {
		ScriptedModel scripted = new ScriptedModel();
		return request -> {
			Completion answer = scripted.complete(request);
			return new Completion(answer.text(), 100, 10, answer.cached());
		};
	}

	static MiproOptimizer optimizer(MiproConfig config) {
		Program student = Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("question -> answer")));
		return new MiproOptimizer(config, student, Metrics.EXACT_MATCH, ScriptedModel.examples(30, 0),
				ScriptedModel.examples(20, 1000), List.of(), priced(), Retrieval.NONE, PRICES, executor,
				InstantSource.fixed(Instant.EPOCH));
	}

	/** Runs to the end and returns the states saved after each step. */
	static List<OptimizationState> run(MiproOptimizer optimizer) {
		List<OptimizationState> saved = new ArrayList<>();
		optimizer.run(optimizer.initialState(), (state, events) -> saved.add(state), event -> {
		}, CancellationSignal.NEVER);
		return saved;
	}

	@Test
	void aCostBudgetStopsWithinOneStepOfItsLimitAndKeepsTheBest() {
		List<OptimizationState> saved = run(optimizer(MiproConfig.builder().maxCostUsd(0.03).build()));
		OptimizationState end = saved.get(saved.size() - 1);

		assertThat(end.isDone()).isTrue();
		assertThat(end.stopReason()).startsWith("budget: maxCostUsd=0.03 reached after $");
		int stop = saved.indexOf(saved.stream().filter(s -> s.stopReason() != null).findFirst().orElseThrow());
		double atStop = saved.get(stop - 1).usage().costUsd();
		double beforeLastStep = saved.get(stop - 2).usage().costUsd();
		assertThat(atStop).isGreaterThanOrEqualTo(0.03);
		assertThat(beforeLastStep).isLessThan(0.03);
		// at most one step over: one trial on the 20 validation examples at $0.0002 a call
		assertThat(atStop - beforeLastStep).isLessThanOrEqualTo(20 * 0.0002 + 1e-9);
		assertThat(end.usage().costUsd()).isEqualTo(atStop);
		assertThat(end.usage().costUsd()).isCloseTo(end.usage().sentCalls() * 0.0002,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(end.usage().unpricedCalls()).isZero();
		assertThat(end.trials()).isNotEmpty();
		assertThat(end.best().score()).isGreaterThanOrEqualTo(end.trials().get(0).score());
	}

	@Test
	void aTokenBudgetStopsTheSameWay() {
		List<OptimizationState> saved = run(optimizer(MiproConfig.builder().maxTokens(16_500L).build()));
		OptimizationState end = saved.get(saved.size() - 1);

		assertThat(end.stopReason()).startsWith("budget: maxTokens=16500 reached after");
		int stop = saved.indexOf(saved.stream().filter(s -> s.stopReason() != null).findFirst().orElseThrow());
		assertThat(saved.get(stop - 1).usage().tokens()).isGreaterThanOrEqualTo(16_500);
		assertThat(saved.get(stop - 2).usage().tokens()).isLessThan(16_500);
	}

	@Test
	void callsOfAModelWithoutAPriceAreCountedAsUnpricedNotFree() {
		MiproConfig config = MiproConfig.builder().maxLmCalls(60L).build();
		Program student = Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("question -> answer")));
		MiproOptimizer optimizer = new MiproOptimizer(config, student, Metrics.EXACT_MATCH,
				ScriptedModel.examples(30, 0), ScriptedModel.examples(20, 1000), List.of(), priced(), Retrieval.NONE,
				Prices.NONE, executor, InstantSource.fixed(Instant.EPOCH));
		List<OptimizationState> saved = run(optimizer);
		OptimizationState end = saved.get(saved.size() - 1);

		assertThat(end.usage().costUsd()).isZero();
		assertThat(end.usage().unpricedCalls()).isEqualTo(end.usage().sentCalls()).isPositive();
	}

}
