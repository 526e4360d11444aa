package io.mipro.optimizer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.util.SeededRandom;
import org.junit.jupiter.api.Test;

/** The vectors of tpe.md 1.5 and the test plan of 1.6. */
class TpeSamplerTests {

	private static final double EPS = 1e-6;

	/** tpe.md 1.5: params a (3 choices) and b (2 choices); ten COMPLETE trials (number: a, b, value). */
	static List<Observation> history() {
		double[][] rows = { { 0, 0, 0.50 }, { 1, 0, 0.60 }, { 2, 1, 0.40 }, { 1, 1, 0.70 }, { 0, 1, 0.55 },
				{ 2, 0, 0.45 }, { 1, 0, 0.65 }, { 0, 0, 0.50 }, { 2, 1, 0.35 }, { 1, 1, 0.72 } };
		List<Observation> history = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			history.add(new Observation(i, Map.of("a", (int) rows[i][0], "b", (int) rows[i][1]), rows[i][2]));
		}
		return history;
	}

	static SearchSpace space() {
		Map<String, Integer> choices = new LinkedHashMap<>();
		choices.put("a", 3);
		choices.put("b", 2);
		return SearchSpace.counts(choices);
	}

	@Test
	void kernelRowsAndMixtureWeightsMatchOptunasVectors() {
		ParzenEstimator three = new ParzenEstimator(List.of("x"), List.of(3), List.<int[]>of(new int[] { 1 }), 1.0);
		assertThat(three.kernels[0][0]).containsExactly(new double[] { 0.2, 0.6, 0.2 }, within(1e-9));
		assertThat(three.kernels[1][0]).containsExactly(new double[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, within(1e-9));
		assertThat(three.weights).containsExactly(new double[] { 0.5, 0.5 }, within(1e-9));

		ParzenEstimator four = new ParzenEstimator(List.of("x"), List.of(4), List.<int[]>of(new int[] { 1 }), 1.0);
		assertThat(four.kernels[0][0]).containsExactly(new double[] { 1 / 6.0, 0.5, 1 / 6.0, 1 / 6.0 }, within(1e-9));
		assertThat(four.kernels[1][0]).containsExactly(new double[] { 0.25, 0.25, 0.25, 0.25 }, within(1e-9));

		ParzenEstimator empty = new ParzenEstimator(List.of("x"), List.of(4), List.of(), 1.0);
		assertThat(empty.weights).containsExactly(1.0);
	}

	@Test
	void defaultWeightsRampTheOldestTrials() {
		double[] thirty = ParzenEstimator.defaultWeights(30);
		assertThat(java.util.Arrays.copyOf(thirty, 5))
			.containsExactly(new double[] { 0.033333, 0.275, 0.516667, 0.758333, 1.0 }, within(EPS));
		assertThat(java.util.Arrays.copyOfRange(thirty, 5, 30)).containsOnly(1.0).hasSize(25);
		double[] twentySix = ParzenEstimator.defaultWeights(26);
		assertThat(twentySix[0]).isCloseTo(1 / 26.0, within(1e-12));
		assertThat(java.util.Arrays.copyOfRange(twentySix, 1, 26)).containsOnly(1.0);
		assertThat(ParzenEstimator.defaultWeights(25)).containsOnly(1.0).hasSize(25);
		assertThat(ParzenEstimator.defaultWeights(0)).isEmpty();
	}

	@Test
	void gammaIsATenthRoundedUpCappedAt25() {
		for (int n = 1; n <= 10; n++) {
			assertThat(TpeSampler.gamma(n)).isEqualTo(1);
		}
		for (int n = 11; n <= 20; n++) {
			assertThat(TpeSampler.gamma(n)).isEqualTo(2);
		}
		assertThat(TpeSampler.gamma(241)).isEqualTo(25);
		assertThat(TpeSampler.gamma(10_000)).isEqualTo(25);
	}

	@Test
	void splitIsStableAndGroupsAreInTrialOrder() {
		List<Observation> tied = List.of(new Observation(5, Map.of("a", 0), 0.9), new Observation(2, Map.of("a", 1), 0.9),
				new Observation(7, Map.of("a", 2), 0.1));
		assertThat(TpeSampler.split(tied).below()).extracting(Observation::number).containsExactly(2);

		TpeSampler.Split split = TpeSampler.split(history());
		assertThat(split.below()).extracting(Observation::number).containsExactly(9);
		assertThat(split.above()).extracting(Observation::number).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
	}

	@Test
	void rampWeightsHitTheOldestTrialsOfAGroup() {
		// 30 trials, values rising with the number: below = the newest 3, above = trials 0..26 (27 of them)
		List<Observation> thirty = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			thirty.add(new Observation(i, Map.of("a", i % 3), i));
		}
		TpeSampler.Split split = TpeSampler.split(thirty);
		assertThat(split.below()).extracting(Observation::number).containsExactly(27, 28, 29);
		assertThat(split.above()).hasSize(27).first().extracting(Observation::number).isEqualTo(0);

		List<int[]> rows = split.above().stream().map(o -> new int[] { o.params().get("a") }).toList();
		ParzenEstimator above = new ParzenEstimator(List.of("a"), List.of(3), rows, 1.0);
		double total = 1.0 / 27 + 1 + 25 + 1;
		assertThat(above.weights[0]).isCloseTo((1.0 / 27) / total, within(1e-12));
		assertThat(above.weights[1]).isCloseTo(1 / total, within(1e-12));
		assertThat(above.weights[27]).as("prior").isCloseTo(1 / total, within(1e-12));
	}

	@Test
	void logDensitiesMatchTheTable() {
		double[][] table = { { 0, 0, -2.222542, -1.599868 }, { 0, 1, -1.843053, -2.029431 },
				{ 1, 0, -1.843053, -1.599868 }, { 1, 1, -1.176574, -2.029431 }, { 2, 0, -2.222542, -1.981803 },
				{ 2, 1, -1.843053, -1.632129 } };
		TpeSampler sampler = new TpeSampler();
		for (double[] row : table) {
			double[] densities = sampler.logDensities(space(), history(), Map.of("a", (int) row[0], "b", (int) row[1]));
			assertThat(densities[0]).as("log l(%s, %s)", row[0], row[1]).isCloseTo(row[2], within(EPS));
			assertThat(densities[1]).as("log g(%s, %s)", row[0], row[1]).isCloseTo(row[3], within(EPS));
		}
	}

	@Test
	void drawsFromTheBelowMixtureWithItsAnalyticProbabilities() {
		List<Observation> history = history();
		TpeSampler.Split split = TpeSampler.split(history);
		List<int[]> rows = split.below().stream().map(o -> new int[] { o.params().get("a"), o.params().get("b") }).toList();
		ParzenEstimator below = new ParzenEstimator(List.of("a", "b"), List.of(3, 2), rows, 1.0);
		SeededRandom random = SeededRandom.of(42, "chi-square");
		int n = 100_000;
		int[][] counts = new int[3][2];
		for (int[] x : below.sample(n, random::nextDouble)) {
			counts[x[0]][x[1]]++;
		}
		double chiSquare = 0;
		for (int a = 0; a < 3; a++) {
			for (int b = 0; b < 2; b++) {
				double expected = n * Math.exp(below.logPdf(new int[] { a, b }));
				chiSquare += Math.pow(counts[a][b] - expected, 2) / expected;
			}
		}
		// 5 degrees of freedom; 20.5 is the 0.001 quantile
		assertThat(chiSquare).isLessThan(20.5);
	}

	@Test
	void startupSamplerIsUniformOverChoices() {
		SearchSpace space = space();
		int n = 60_000;
		int[] countsA = new int[3];
		TpeSampler sampler = new TpeSampler();
		for (int i = 0; i < n; i++) {
			countsA[sampler.suggest(space, List.of(), SeededRandom.of(7, "startup", i)).get("a")]++;
		}
		double chiSquare = 0;
		for (int count : countsA) {
			chiSquare += Math.pow(count - n / 3.0, 2) / (n / 3.0);
		}
		// 2 degrees of freedom; 13.8 is the 0.001 quantile
		assertThat(chiSquare).isLessThan(13.8);
	}

	@Test
	void suggestsTheBestRatioAmongItsCandidates() {
		TpeSampler sampler = new TpeSampler();
		for (int seed = 0; seed < 50; seed++) {
			assertThat(sampler.suggest(space(), history(), SeededRandom.of(seed, "tpe")))
				.containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1));
		}
	}

	@Test
	void theTenthObservationEndsTheStartupPhase() {
		TpeSampler sampler = new TpeSampler();
		List<Observation> nine = history().subList(0, 9);
		assertThat(sampler.isStartup(nine)).isTrue();
		assertThat(sampler.isStartup(history())).isFalse();
		// with nine observations the draw is the random sampler's: identical to the one with no history at all
		for (int seed = 0; seed < 20; seed++) {
			assertThat(sampler.suggest(space(), nine, SeededRandom.of(seed, "tpe")))
				.isEqualTo(sampler.suggest(space(), List.of(), SeededRandom.of(seed, "tpe")));
		}
	}

	@Test
	void singleChoiceParametersStayAtZero() {
		SearchSpace space = SearchSpace.counts(Map.of("0_predictor_instruction", 1, "0_predictor_demos", 4));
		List<Observation> history = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			history.add(new Observation(i, Map.of("0_predictor_instruction", 0, "0_predictor_demos", i % 4), i % 4));
		}
		Map<String, Integer> suggestion = new TpeSampler().suggest(space, history, SeededRandom.of(1, "tpe"));
		assertThat(suggestion).containsEntry("0_predictor_instruction", 0).containsKey("0_predictor_demos");
	}

	@Test
	void aRunningTrialCountsAsTheWorstSoTheNextSuggestionMovesAway() {
		SearchSpace space = SearchSpace.of(java.util.List.of(4), java.util.List.of(4));
		java.util.List<Observation> history = new java.util.ArrayList<>();
		int number = 1;
		// 20 trials: (2, 3) always scores best, everything else poorly
		for (int i = 0; i < 4; i++) {
			for (int d = 0; d < 4; d++) {
				history.add(new Observation(number++, java.util.Map.of("0_predictor_instruction", i, "0_predictor_demos", d),
						i == 2 && d == 3 ? 90 : 10 + i + d));
			}
		}
		for (int k = 0; k < 4; k++) {
			history.add(new Observation(number++, java.util.Map.of("0_predictor_instruction", 2, "0_predictor_demos", 3), 90));
		}
		TpeSampler sampler = new TpeSampler();
		java.util.Map<String, Integer> best = java.util.Map.of("0_predictor_demos", 3, "0_predictor_instruction", 2);

		int alone = 0;
		int beside = 0;
		for (int seed = 0; seed < 50; seed++) {
			if (sampler.suggest(space, history, io.mipro.optimizer.util.SeededRandom.of(seed, "t")).equals(best)) {
				alone++;
			}
			java.util.List<Observation> running = java.util.List.of(new Observation(number, best, Double.NEGATIVE_INFINITY),
					new Observation(number + 1, best, Double.NEGATIVE_INFINITY));
			if (sampler.suggest(space, history, running, io.mipro.optimizer.util.SeededRandom.of(seed, "t")).equals(best)) {
				beside++;
			}
		}
		assertThat(alone).as("without running trials TPE exploits the best combination").isGreaterThan(40);
		assertThat(beside).as("with it running twice, the liar pushes suggestions elsewhere").isLessThan(alone);
		// running trials never end the random startup early
		assertThat(sampler.suggest(space, history.subList(0, 9), java.util.List.of(new Observation(10, best, 0)),
				io.mipro.optimizer.util.SeededRandom.of(1, "t")))
			.isEqualTo(sampler.suggest(space, history.subList(0, 9), io.mipro.optimizer.util.SeededRandom.of(1, "t")));
	}

}
