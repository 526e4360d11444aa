package io.mipro.optimizer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.ModelSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EvaluatorTests {

	static final ExecutorService executor = Executors.newFixedThreadPool(4);

	static final Program PROGRAM = Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("q -> a")));

	@AfterAll
	static void shutdown() {
		executor.shutdown();
	}

	/** Answers "right" for questions starting with "ok", garbage for "bad", and throws for "boom". */
	static LanguageModel model(AtomicInteger calls) {
		return request -> {
			calls.incrementAndGet();
			String user = request.messages().get(request.messages().size() - 1).content();
			if (user.contains("boom")) {
				throw new LanguageModelException("provider down", true, null);
			}
			if (user.contains("bad")) {
				return Completion.of("I refuse to use the format.");
			}
			return Completion.of("[[ ## a ## ]]\n" + (user.contains("ok") ? "right" : "wrong"));
		};
	}

	static List<Example> examples(String... questions) {
		List<Example> examples = new ArrayList<>();
		for (String q : questions) {
			examples.add(Example.of("q", q, "a", "right"));
		}
		return examples;
	}

	@Test
	void scoresAPercentageRoundedToTwoDecimals() {
		Evaluator evaluator = new Evaluator(new ProgramRunner(model(new AtomicInteger()), ModelSettings.of("m")),
				Metrics.EXACT_MATCH, 4, executor);

		Evaluation evaluation = evaluator.evaluate(PROGRAM, examples("ok1", "no", "ok2"), "test");

		assertThat(evaluation.score()).isEqualTo(66.67);
		assertThat(evaluation.results()).extracting(ExampleResult::index).containsExactly(0, 1, 2);
		assertThat(evaluation.results()).extracting(ExampleResult::score).containsExactly(1.0, 0.0, 1.0);
		assertThat(Evaluator.percentage(1, 8)).isEqualTo(12.5);
		assertThat(Evaluator.percentage(0.125, 1)).isEqualTo(12.5);
		assertThat(Evaluator.percentage(0, 0)).isZero();
	}

	@Test
	void unparseableAnswersGetOneJsonRetryThenCountAsWrong() {
		AtomicInteger calls = new AtomicInteger();
		Evaluator evaluator = new Evaluator(new ProgramRunner(model(calls), ModelSettings.of("m")), Metrics.EXACT_MATCH,
				2, executor);

		Evaluation evaluation = evaluator.evaluate(PROGRAM, examples("ok", "bad", "bad"), "test");

		assertThat(evaluation.parseFailures()).isEqualTo(2);
		assertThat(evaluation.score()).isEqualTo(33.33);
		assertThat(calls.get()).isEqualTo(1 + 2 * 2);
		assertThat(evaluation.results().get(1).prediction().failure()).contains("no JSON object");
	}

	@Test
	void aModelFaultIsNotAScoreItPropagates() {
		Evaluator evaluator = new Evaluator(new ProgramRunner(model(new AtomicInteger()), ModelSettings.of("m")),
				Metrics.EXACT_MATCH, 4, executor);

		assertThatThrownBy(() -> evaluator.evaluate(PROGRAM, examples("ok", "ok", "boom", "ok"), "test"))
			.isInstanceOf(LanguageModelException.class)
			.hasMessage("provider down");
	}

	@Test
	void runsExactlyTheConcurrencyLimitAtOnce() {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		// the first three calls wait for each other: they pass only if three run at once
		java.util.concurrent.CyclicBarrier firstThree = new java.util.concurrent.CyclicBarrier(3);
		AtomicInteger started = new AtomicInteger();
		LanguageModel slow = (ChatRequest request) -> {
			peak.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				if (started.incrementAndGet() <= 3) {
					firstThree.await(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				Thread.sleep(2);
			}
			catch (Exception ex) {
				throw new IllegalStateException("three calls never ran at once", ex);
			}
			finally {
				running.decrementAndGet();
			}
			return Completion.of("[[ ## a ## ]]\nright");
		};
		ExecutorService wide = Executors.newFixedThreadPool(8);
		try {
			Evaluation evaluation = new Evaluator(new ProgramRunner(slow, ModelSettings.of("m")), Metrics.EXACT_MATCH,
					3, wide)
				.evaluate(PROGRAM, examples(new String[40]), "test");
			assertThat(evaluation.size()).isEqualTo(40);
			assertThat(peak.get()).isEqualTo(3);
		}
		finally {
			wide.shutdown();
		}
	}

}
