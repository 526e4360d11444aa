package io.mipro.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ModelRole;
import org.junit.jupiter.api.Test;

class CallEstimateTests {

	static final Program STUDENT = Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("question -> answer")));

	static CallEstimate estimate(MiproConfig config, int train, int dev, int test, int judgeCalls) {
		return CallEstimate.of(config, config.plan(1, dev), STUDENT, ScriptedModel.examples(train, 0), test, judgeCalls);
	}

	@Test
	void thePlannedPartsAreCountedExactly() {
		MiproConfig reference = MiproConfig.builder().strategy(Strategy.REFERENCE).build();
		CallEstimate estimate = estimate(reference, 50, 20, 0, 0);

		// summary: 1 + 4 more batches of 10 + 1; two descriptions; two proposals (3 candidates, the original kept)
		assertThat(estimate.calls().get(ModelRole.PROMPT).expected()).isEqualTo(6 + 2 + 2);
		assertThat(estimate.steps().trials()).isEqualTo(10);
		assertThat(estimate.steps().minibatch()).isFalse();
		assertThat(estimate.steps().bootstrappedSets()).isEqualTo(4);
		assertThat(estimate.calls().get(ModelRole.JUDGE).expected()).isZero();
		CallEstimate.Calls task = estimate.calls().get(ModelRole.TASK);
		// baseline + 10 full trials on 20 examples, worst case uncached and every answer retried once
		assertThat(task.worst()).isEqualTo(2 * (20 * 11 + 4 * 50));
		assertThat(task.expected()).isLessThan(task.worst()).isGreaterThan(20);
		assertThat(task.expectedInputTokens()).isGreaterThan(task.expected() * 20);
	}

	@Test
	void aMinibatchSearchCountsItsBatchesAndFullEvaluations() {
		MiproConfig reference = MiproConfig.builder().strategy(Strategy.REFERENCE).build();
		CallEstimate estimate = estimate(reference, 200, 100, 50, 0);

		assertThat(estimate.steps().minibatch()).isTrue();
		assertThat(estimate.steps().fullEvaluations()).isEqualTo(2);
		assertThat(estimate.steps().testEvaluations()).isEqualTo(2);
		// worst: baseline 100 + 10 x 35 + 2 x 100 + test 2 x 50 + 4 sets x 200 bootstrapped, doubled for retries
		assertThat(estimate.calls().get(ModelRole.TASK).worst()).isEqualTo(2 * (100 + 350 + 200 + 100 + 800));
	}

	@Test
	void aJudgeIsAskedOncePerScoredExample() {
		MiproConfig reference = MiproConfig.builder().strategy(Strategy.REFERENCE).build();
		CallEstimate plain = estimate(reference, 50, 20, 0, 0);
		CallEstimate judged = estimate(reference, 50, 20, 0, 2);

		// twice the task calls, give or take the rounding of each
		assertThat(judged.calls().get(ModelRole.JUDGE).expected())
			.isCloseTo(2 * plain.calls().get(ModelRole.TASK).expected(), org.assertj.core.data.Offset.offset(1L));
		assertThat(judged.calls().get(ModelRole.TASK)).isEqualTo(plain.calls().get(ModelRole.TASK));
	}

	@Test
	void repeatedDrawsOfACombinationAreExpectedFromTheCache() {
		assertThat(CallEstimate.distinctNew(1, 10)).isZero();
		assertThat(CallEstimate.distinctNew(18, 10)).isBetween(7.0, 8.0);
		assertThat(CallEstimate.distinctNew(1_000_000, 10)).isCloseTo(10, org.assertj.core.data.Offset.offset(0.01));
	}

}
