package io.mipro.optimizer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.optimizer.util.SeededRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FewShotBootstrapperTests {

	static final ExecutorService executor = Executors.newFixedThreadPool(4);

	static final Program COT = Program.of(Predictor.single(ModuleKind.CHAIN_OF_THOUGHT, Signature.parse("q -> a")));

	@AfterAll
	static void shutdown() {
		executor.shutdown();
	}

	/** Answers correctly for even-numbered questions, wrongly for odd ones, unparseably for "garbage". */
	static final class RecordingModel implements LanguageModel {

		final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

		@Override
		public Completion complete(ChatRequest request) {
			requests.add(request);
			String user = request.messages().get(request.messages().size() - 1).content();
			String q = user.substring(user.indexOf("]]\n") + 3, user.indexOf("\n\nRespond"));
			if (q.startsWith("garbage")) {
				return Completion.of("no format at all");
			}
			int n = Integer.parseInt(q.substring(1));
			String answer = n % 2 == 0 ? "A" + n : "wrong";
			return Completion.of("[[ ## reasoning ## ]]\nbecause " + n + "\n\n[[ ## a ## ]]\n" + answer);
		}

	}

	static List<Example> train(int n) {
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			examples.add(Example.of("q", "Q" + i, "a", "A" + i));
		}
		return examples;
	}

	static FewShotBootstrapper bootstrapper(LanguageModel model, int concurrency, int maxErrors) {
		return new FewShotBootstrapper(new BootstrapSettings(new ProgramRunner(model, ModelSettings.of("m")),
				Metrics.EXACT_MATCH, null, maxErrors, concurrency, executor));
	}

	@Test
	void collectsAugmentedDemosUntilEnoughPassThenFillsWithLabeledOnes() {
		RecordingModel model = new RecordingModel();

		List<List<Demo>> demos = bootstrapper(model, 1, 10).bootstrap(COT, train(20), 3, 5, SeededRandom.of(1, "t"));

		List<Demo> mine = demos.get(0);
		assertThat(mine).hasSize(5);
		assertThat(mine.subList(0, 3)).allMatch(Demo::augmented);
		assertThat(mine.subList(0, 3)).extracting(d -> d.get("q")).containsExactly("Q0", "Q2", "Q4");
		assertThat(mine.get(0).values()).containsExactly(java.util.Map.entry("q", "Q0"),
				java.util.Map.entry("reasoning", "because 0"), java.util.Map.entry("a", "A0"));
		assertThat(mine.subList(3, 5)).noneMatch(Demo::augmented);
		assertThat(mine.subList(3, 5)).extracting(d -> d.get("q")).doesNotContain("Q0", "Q2", "Q4");
		// five attempts (Q0..Q4) were needed for three successes
		assertThat(model.requests).hasSize(5);
	}

	@Test
	void theTeacherNeverSeesTheExampleItIsAskedAbout() {
		RecordingModel model = new RecordingModel();
		List<Example> train = train(6);

		bootstrapper(model, 1, 10).bootstrap(COT, train, 2, 6, SeededRandom.of(3, "t"));

		for (ChatRequest request : model.requests) {
			String asked = request.messages().get(request.messages().size() - 1).content();
			String question = asked.substring(asked.indexOf("]]\n") + 3, asked.indexOf("\n\nRespond"));
			long shownAsDemo = request.messages()
				.stream()
				.filter(m -> m.role() == ChatMessage.Role.USER)
				.filter(m -> m.content().endsWith("\n" + question))
				.count();
			assertThat(shownAsDemo).as("demos showing %s", question).isZero();
			// the teacher has labeled demos: all six examples minus the one asked about
			assertThat(request.messages().stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT)).hasSize(5);
		}
	}

	@Test
	void parallelAttemptsGiveTheSequentialResultAndCalls() {
		RecordingModel sequential = new RecordingModel();
		RecordingModel parallel = new RecordingModel();

		List<List<Demo>> one = bootstrapper(sequential, 1, 10).bootstrap(COT, train(30), 4, 4, SeededRandom.of(5, "t"));
		List<List<Demo>> four = bootstrapper(parallel, 4, 10).bootstrap(COT, train(30), 4, 4, SeededRandom.of(5, "t"));

		assertThat(four).isEqualTo(one);
		assertThat(parallel.requests).hasSameSizeAs(sequential.requests);
	}

	@Test
	void unparseableAnswersSpendTheErrorBudget() {
		List<Example> train = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			train.add(Example.of("q", "garbage" + i, "a", "x"));
		}

		assertThatThrownBy(() -> bootstrapper(new RecordingModel(), 2, 3).bootstrap(COT, train, 4, 0,
				SeededRandom.of(1, "t")))
			.isInstanceOf(OptimizerException.class)
			.hasMessageContaining("3 times");
		List<List<Demo>> none = bootstrapper(new RecordingModel(), 2, 10).bootstrap(COT, train, 4, 0,
				SeededRandom.of(1, "t"));
		assertThat(none.get(0)).isEmpty();
	}

	@Test
	void demoSetsFollowTheReferenceLayout() {
		DemoSetBuilder builder = new DemoSetBuilder(bootstrapper(new RecordingModel(), 2, 10), 9);
		List<Example> train = train(30);

		DemoSet zero = builder.build(0, COT, train, 4, 4);
		DemoSet labeled = builder.build(1, COT, train, 4, 4);
		DemoSet ordered = builder.build(2, COT, train, 4, 4);
		DemoSet shuffled = builder.build(3, COT, train, 4, 4);
		DemoSet zeroShotOne = builder.build(1, COT, train, 3, 0);

		assertThat(zero.kind()).isEqualTo(DemoSet.Kind.ZERO_SHOT);
		assertThat(zero.size()).isZero();
		assertThat(labeled.demosFor(0)).hasSize(4).noneMatch(Demo::augmented);
		assertThat(ordered.demosFor(0)).hasSize(4).allMatch(Demo::augmented);
		assertThat(ordered.demosFor(0)).extracting(d -> d.get("q")).containsExactly("Q0", "Q2", "Q4", "Q6");
		assertThat(shuffled.kind()).isEqualTo(DemoSet.Kind.SHUFFLED_BOOTSTRAP);
		// set 3 draws its size in [1, B] after shuffling, from its own generator
		io.mipro.optimizer.util.SeededRandom sizes = io.mipro.optimizer.util.SeededRandom.of(9, "demo-set", 3);
		sizes.shuffled(train);
		int size = sizes.nextIntInclusive(1, 4);
		assertThat(shuffled.demosFor(0).stream().filter(Demo::augmented).count()).isEqualTo(size);
		assertThat(shuffled.demosFor(0)).hasSize(4);
		// with no labeled demos, slot 1 is a shuffled bootstrap set too
		assertThat(zeroShotOne.kind()).isEqualTo(DemoSet.Kind.SHUFFLED_BOOTSTRAP);
		assertThat(zeroShotOne.demosFor(0)).allMatch(Demo::augmented);
		// every set is a function of the seed and its index
		assertThat(builder.build(3, COT, train, 4, 4)).isEqualTo(shuffled);
	}

}
