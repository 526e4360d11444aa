package io.mipro.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mipro.optimizer.search.Observation;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.TpeSampler;
import io.mipro.optimizer.util.SeededRandom;

/**
 * Benchmark 6c: the TPE sampler (its public API, as the optimizer drives it) against uniform random search on a
 * synthetic surface with a known optimum, over 50 seeds: how many trials each needs to first sample the optimum.
 * <p>
 * The surface is MIPRO's search space for one predictor, made bigger: an instruction index and a demo-set index
 * with 12 choices each (144 combinations). The score of a combination is the sum of an instruction effect and a
 * demo-set effect (each a fixed shuffle of evenly spaced values, so exactly one combination is best) plus a small
 * fixed interaction, like real prompts where a good instruction and good demos both help. Random search needs 144
 * trials on average to hit one combination of 144. Runs that have not found the optimum after the cap count as the
 * cap (reported separately).
 *
 * <pre>java -cp ... io.mipro.bench.TpeVersusRandom [seeds=50] [choices=12] [cap=400]</pre>
 */
public final class TpeVersusRandom {

	private TpeVersusRandom() {
	}

	public static void main(String[] args) {
		int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
		int choices = args.length > 1 ? Integer.parseInt(args[1]) : 12;
		int cap = args.length > 2 ? Integer.parseInt(args[2]) : 400;
		Surface surface = new Surface(choices);
		int[] tpe = new int[seeds];
		int[] random = new int[seeds];
		for (int seed = 0; seed < seeds; seed++) {
			tpe[seed] = trialsToOptimum(surface, seed, cap, true);
			random[seed] = trialsToOptimum(surface, seed, cap, false);
		}
		System.out.printf("surface: %d x %d = %d combinations, optimum %s scoring %.3f%n", choices, choices,
				choices * choices, surface.optimum(), surface.score(surface.optimum()));
		report("TPE (10 startup trials, 24 candidates)", tpe, cap);
		report("uniform random search", random, cap);
	}

	private static void report(String name, int[] trials, int cap) {
		int[] sorted = trials.clone();
		Arrays.sort(sorted);
		double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
		long capped = Arrays.stream(trials).filter(t -> t >= cap).count();
		System.out.printf("%-40s median %6.1f trials to the optimum (quartiles %d, %d; not found within %d: %d of %d)%n",
				name, median, sorted[sorted.length / 4], sorted[(3 * sorted.length) / 4], cap, capped, trials.length);
	}

	/** The trial number at which the optimum is first sampled, or the cap. */
	static int trialsToOptimum(Surface surface, int seed, int cap, boolean useTpe) {
		TpeSampler sampler = new TpeSampler();
		List<Observation> history = new ArrayList<>();
		for (int number = 1; number <= cap; number++) {
			Map<String, Integer> params;
			if (useTpe) {
				params = sampler.suggest(surface.space(), history, SeededRandom.of(seed, "tpe", number));
			}
			else {
				SeededRandom random = SeededRandom.of(seed, "random", number);
				params = new TreeMap<>();
				for (String name : surface.space().names()) {
					params.put(name, random.nextInt(surface.space().choicesOf(name)));
				}
			}
			if (params.equals(surface.optimum())) {
				return number;
			}
			history.add(new Observation(number, params, surface.score(params)));
		}
		return cap;
	}

	/** An additive surface with a small interaction and one best combination. */
	static final class Surface {

		private final SearchSpace space;

		private final double[] instructionEffect;

		private final double[] demoEffect;

		Surface(int choices) {
			this.space = SearchSpace.of(List.of(choices), List.of(choices));
			this.instructionEffect = effects(choices, "instruction");
			this.demoEffect = effects(choices, "demos");
		}

		private static double[] effects(int choices, String purpose) {
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < choices; i++) {
				order.add(i);
			}
			List<Integer> shuffled = SeededRandom.of(20_261_130L, "surface-" + purpose).shuffled(order);
			double[] effect = new double[choices];
			for (int i = 0; i < choices; i++) {
				effect[i] = shuffled.get(i) / (double) (choices - 1);
			}
			return effect;
		}

		SearchSpace space() {
			return space;
		}

		double score(Map<String, Integer> params) {
			int instruction = params.get(SearchSpace.instructionParam(0));
			int demos = params.get(SearchSpace.demosParam(0));
			double interaction = 0.05 * Math.cos(instruction * 1.7 + demos * 2.3);
			return 50 * (instructionEffect[instruction] + demoEffect[demos]) + interaction;
		}

		Map<String, Integer> optimum() {
			Map<String, Integer> best = null;
			double bestScore = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < instructionEffect.length; i++) {
				for (int d = 0; d < demoEffect.length; d++) {
					Map<String, Integer> params = new TreeMap<>(Map.of(SearchSpace.instructionParam(0), i,
							SearchSpace.demosParam(0), d));
					double score = score(params);
					if (score > bestScore) {
						bestScore = score;
						best = params;
					}
				}
			}
			return best;
		}

	}

}
