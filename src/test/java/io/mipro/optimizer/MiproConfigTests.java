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
		MiproConfigBuilder builder = MiproConfig.builder().auto(preset);
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
		SearchPlan small = MiproConfig.builder().build().plan(1, 20);
		assertThat(small.minibatch()).isFalse();
		assertThat(small.valsetSize()).isEqualTo(20);
		assertThat(small.totalTrials()).isEqualTo(11);
		SearchPlan capped = MiproConfig.builder().build().plan(1, 500);
		assertThat(capped.valsetSize()).isEqualTo(100);
		assertThat(capped.minibatch()).isTrue();
		assertThat(capped.fullEvaluations()).isEqualTo(2);
		assertThat(capped.totalTrials()).isEqualTo(13);
		assertThat(MiproConfig.builder().auto(AutoPreset.MEDIUM).build().plan(1, 500).totalTrials()).isEqualTo(23);
		assertThat(MiproConfig.builder().auto(AutoPreset.HEAVY).build().plan(1, 5000).totalTrials()).isEqualTo(34);
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
