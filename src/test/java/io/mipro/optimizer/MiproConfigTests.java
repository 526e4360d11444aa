package io.mipro.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiproConfigTests {

	@Test
	void defaultsAreTheReferences() {
		MiproConfig config = MiproConfig.builder().build();
		assertThat(config.auto()).isEqualTo(AutoPreset.LIGHT);
		assertThat(config.maxBootstrappedDemos()).isEqualTo(4);
		assertThat(config.maxLabeledDemos()).isEqualTo(4);
		assertThat(config.minibatchSize()).isEqualTo(35);
		assertThat(config.minibatchFullEvalSteps()).isEqualTo(5);
		assertThat(config.initTemperature()).isEqualTo(1.0);
		assertThat(config.seed()).isEqualTo(9);
		assertThat(config.maxErrors()).isEqualTo(10);
		assertThat(config.numThreads()).isEqualTo(8);
		assertThat(config.viewDataBatchSize()).isEqualTo(10);
		assertThat(config.toBuilder().build()).isEqualTo(config);
	}

	@ParameterizedTest(name = "{0} predictor(s), {1}, zero-shot {2}: T = {3}")
	@CsvSource({ "1, LIGHT, false, 10", "2, LIGHT, false, 20", "3, LIGHT, false, 31", "1, LIGHT, true, 9",
			"2, LIGHT, true, 10", "3, LIGHT, true, 15", "1, MEDIUM, false, 18", "2, MEDIUM, false, 28",
			"3, MEDIUM, false, 43", "1, MEDIUM, true, 18", "3, MEDIUM, true, 21", "1, HEAVY, false, 27",
			"2, HEAVY, false, 33", "3, HEAVY, false, 50", "1, HEAVY, true, 27", "3, HEAVY, true, 27" })
	void trialFormulaMatchesTheSpecTable(int predictors, AutoPreset preset, boolean zeroShot, int trials) {
		MiproConfigBuilder builder = MiproConfig.builder().auto(preset).strategy(Strategy.REFERENCE);
		if (zeroShot) {
			builder.maxBootstrappedDemos(0).maxLabeledDemos(0);
		}
		SearchPlan plan = builder.build().plan(predictors, 500);
		assertThat(plan.numTrials()).isEqualTo(trials);
		assertThat(plan.demoSets()).isEqualTo(preset.candidates());
		assertThat(plan.instructionCandidates()).isEqualTo(zeroShot ? preset.candidates() : preset.candidates() / 2);
	}

	@Test
	void autoCapsTheValsetAndTurnsMinibatchOnAboveFifty() {
		MiproConfigBuilder reference = MiproConfig.builder().strategy(Strategy.REFERENCE);
		SearchPlan small = reference.build().plan(1, 20);
		assertThat(small.minibatch()).isFalse();
		assertThat(small.valsetSize()).isEqualTo(20);
		assertThat(small.totalTrials()).isEqualTo(11);
		SearchPlan capped = reference.build().plan(1, 500);
		assertThat(capped.valsetSize()).isEqualTo(100);
		assertThat(capped.minibatch()).isTrue();
		assertThat(capped.fullEvaluations()).isEqualTo(2);
		assertThat(capped.totalTrials()).isEqualTo(13);
		assertThat(reference.auto(AutoPreset.MEDIUM).build().plan(1, 500).totalTrials()).isEqualTo(23);
		assertThat(reference.auto(AutoPreset.HEAVY).build().plan(1, 5000).totalTrials()).isEqualTo(34);
	}

	/**
	 * The adaptive strategy's budget: screening (n + 2 proposals and the original, on at most 15 examples) replaces
	 * objective trials, so the task model's planned calls never exceed the reference's.
	 */
	@ParameterizedTest(name = "{0}, {1} predictor(s), {2} dev examples")
	@CsvSource({ "LIGHT, 1, 100", "LIGHT, 1, 20", "LIGHT, 2, 20", "MEDIUM, 1, 300", "HEAVY, 3, 1000",
			"MEDIUM, 2, 40" })
	void theAdaptiveStrategyPlansNoMoreTaskCallsThanTheReference(AutoPreset preset, int predictors, int dev) {
		SearchPlan reference = MiproConfig.builder().auto(preset).strategy(Strategy.REFERENCE).build()
			.plan(predictors, dev);
		SearchPlan adaptive = MiproConfig.builder().auto(preset).build().plan(predictors, dev);

		assertThat(adaptive.proposalsPerPredictor()).isEqualTo(preset.candidates() + 2);
		assertThat(adaptive.instructionCandidates()).isEqualTo(reference.instructionCandidates());
		assertThat(adaptive.numTrials()).isLessThan(reference.numTrials())
			.isGreaterThanOrEqualTo((reference.numTrials() + 1) / 2);
		assertThat(plannedTaskCalls(adaptive)).isLessThanOrEqualTo(plannedTaskCalls(reference));
	}

	/** Task-model calls of the search as planned: baseline, screening, trials and periodic full evaluations. */
	private static long plannedTaskCalls(SearchPlan plan) {
		int trialCost = plan.minibatch() ? plan.minibatchSize() : plan.valsetSize();
		return plan.valsetSize() + (long) plan.screeningTrials(0) * plan.screeningBatch()
				+ (long) plan.numTrials() * trialCost + (long) plan.fullEvaluations() * plan.valsetSize();
	}

	@Test
	void validationMirrorsTheReferencesRules() {
		assertThatThrownBy(() -> MiproConfig.builder().numCandidates(7).build())
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("overridden");
		assertThatThrownBy(() -> MiproConfig.builder().auto(null).numCandidates(7).build())
			.hasMessageContaining("numTrials is required")
			.hasMessageContaining("numTrials=");
		assertThatThrownBy(() -> MiproConfig.builder().auto(null).numTrials(7).build())
			.hasMessageContaining("both numCandidates and numTrials");
		assertThatThrownBy(() -> AutoPreset.parse("extreme")).hasMessageContaining("light, medium or heavy");
		assertThatThrownBy(() -> MiproConfig.builder().auto(null).numCandidates(5).numTrials(10).build().plan(1, 20))
			.hasMessageContaining("minibatchSize (35) is larger than the validation set (20");
		assertThat(MiproConfig.builder().auto(null).numCandidates(5).numTrials(10).minibatch(false).build().plan(1, 20).minibatch()).isFalse();
		assertThatThrownBy(() -> MiproConfig.builder().initTemperature(0).build()).hasMessageContaining("initTemperature");
		assertThatThrownBy(() -> MiproConfig.builder().minibatchSize(0).build()).hasMessageContaining("minibatchSize");
		assertThatThrownBy(() -> MiproConfig.builder().seed(-1).build()).hasMessageContaining("seed");
		assertThatThrownBy(() -> MiproConfig.builder().maxLmCalls(0L).build()).hasMessageContaining("maxLmCalls");
		assertThatThrownBy(() -> MiproConfig.builder().proposalRounds(0).build()).hasMessageContaining("proposalRounds");
	}

}
