package io.mipro.optimizer.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mipro.optimizer.util.SeededRandom;

/**
 * Optuna's TPE sampler for categorical parameters as MIPROv2 drives it ({@code multivariate=True}, every other
 * setting at its default): independent uniform draws until the history holds {@code startupTrials} trials (injected
 * baseline and full evaluations count), then a multivariate Parzen estimator for the best {@code gamma(n)} trials
 * ("below") and one for the rest ("above"); {@code candidates} draws from "below", and the one maximizing
 * {@code log l(x) - log g(x)} wins. The sampler keeps no state: each suggestion is a function of the history and a
 * generator, so a resumed search suggests what the uninterrupted one would.
 */
public final class TpeSampler {

	public static final int DEFAULT_STARTUP_TRIALS = 10;

	public static final int DEFAULT_CANDIDATES = 24;

	public static final double DEFAULT_PRIOR_WEIGHT = 1.0;

	private final int startupTrials;

	private final int candidates;

	private final double priorWeight;

	public TpeSampler() {
		this(DEFAULT_STARTUP_TRIALS, DEFAULT_CANDIDATES, DEFAULT_PRIOR_WEIGHT);
	}

	public TpeSampler(int startupTrials, int candidates, double priorWeight) {
		this.startupTrials = startupTrials;
		this.candidates = candidates;
		this.priorWeight = priorWeight;
	}

	/** Optuna's default gamma: {@code min(ceil(0.1 n), 25)}. */
	public static int gamma(int n) {
		return Math.min((int) Math.ceil(0.1 * n), 25);
	}

	public boolean isStartup(List<Observation> history) {
		return history.size() < startupTrials;
	}

	/** The next parameters: index per parameter name. */
	public Map<String, Integer> suggest(SearchSpace space, List<Observation> history, SeededRandom random) {
		return suggest(space, history, List.of(), random);
	}

	/**
	 * The next parameters while other trials are still running, with Optuna's constant-liar strategy: the running
	 * trials join the "above" (worse) group as if they had scored worst, so the suggestion moves away from them;
	 * they do not count towards the startup trials or the size of the "below" group.
	 * @param running the parameters of the trials in flight, each numbered
	 */
	public Map<String, Integer> suggest(SearchSpace space, List<Observation> history, List<Observation> running,
			SeededRandom random) {
		Map<String, Integer> params = new TreeMap<>();
		if (isStartup(history)) {
			// the random sampler draws one uniform per choice and takes the argmax (uniform over choices)
			for (String name : space.names()) {
				int choices = space.choicesOf(name);
				int best = 0;
				double bestValue = -1;
				for (int c = 0; c < choices; c++) {
					double u = random.nextDouble();
					if (u > bestValue) {
						bestValue = u;
						best = c;
					}
				}
				params.put(name, space.valuesOf(name).get(best));
			}
			return params;
		}
		// relative search space: sorted by name as strings, single-choice parameters dropped
		List<String> names = new ArrayList<>();
		for (String name : new TreeMap<>(space.values()).keySet()) {
			if (space.choicesOf(name) > 1) {
				names.add(name);
			}
			else {
				params.put(name, space.valuesOf(name).get(0));
			}
		}
		if (names.isEmpty()) {
			return params;
		}
		ParzenEstimator[] estimators = estimators(space, history, running, names);
		ParzenEstimator below = estimators[0];
		ParzenEstimator above = estimators[1];
		List<int[]> drawn = below.sample(candidates, random::nextDouble);
		int[] best = null;
		double bestScore = Double.NEGATIVE_INFINITY;
		for (int[] candidate : drawn) {
			double score = below.logPdf(candidate) - above.logPdf(candidate);
			if (best == null || score > bestScore) {
				best = candidate;
				bestScore = score;
			}
		}
		for (int p = 0; p < names.size(); p++) {
			params.put(names.get(p), space.valuesOf(names.get(p)).get(best[p]));
		}
		return params;
	}

	/** The best {@code gamma(n)} trials and the rest, each back in trial-number order. */
	record Split(List<Observation> below, List<Observation> above) {

	}

	static Split split(List<Observation> history) {
		List<Observation> byValue = new ArrayList<>(history);
		byValue.sort(Comparator.comparingInt(Observation::number));
		// stable, descending: equal values keep ascending trial-number order (as Python's sort(reverse=True) does)
		byValue.sort(Comparator.comparingDouble(Observation::value).reversed());
		int nBelow = Math.min(gamma(history.size()), byValue.size());
		List<Observation> below = new ArrayList<>(byValue.subList(0, nBelow));
		List<Observation> above = new ArrayList<>(byValue.subList(nBelow, byValue.size()));
		below.sort(Comparator.comparingInt(Observation::number));
		above.sort(Comparator.comparingInt(Observation::number));
		return new Split(below, above);
	}

	/**
	 * Observations as rows of positions in each parameter's list of values over {@code names}; observations lacking a
	 * parameter, or taking a value outside the space, are left out.
	 */
	private static List<int[]> rows(SearchSpace space, List<Observation> observations, List<String> names) {
		List<int[]> rows = new ArrayList<>();
		for (Observation observation : observations) {
			int[] row = new int[names.size()];
			boolean complete = true;
			for (int p = 0; p < names.size(); p++) {
				Integer value = observation.params().get(names.get(p));
				int position = value == null ? -1 : space.valuesOf(names.get(p)).indexOf(value);
				if (position < 0) {
					complete = false;
					break;
				}
				row[p] = position;
			}
			if (complete) {
				rows.add(row);
			}
		}
		return rows;
	}

	/** log l(x) - log g(x) for a configuration, for tests and diagnostics. */
	double[] logDensities(SearchSpace space, List<Observation> history, Map<String, Integer> x) {
		List<String> names = new ArrayList<>(new TreeMap<>(space.values()).keySet());
		ParzenEstimator[] estimators = estimators(space, history, List.of(), names);
		int[] row = names.stream().mapToInt(name -> space.valuesOf(name).indexOf(x.get(name))).toArray();
		return new double[] { estimators[0].logPdf(row), estimators[1].logPdf(row) };
	}

	/** The "below" and "above" estimators over {@code names}, from the split of the history (running trials above). */
	private ParzenEstimator[] estimators(SearchSpace space, List<Observation> history, List<Observation> running,
			List<String> names) {
		List<Integer> counts = names.stream().map(space::choicesOf).toList();
		Split split = split(history);
		List<Observation> above = new ArrayList<>(split.above());
		above.addAll(running);
		above.sort(Comparator.comparingInt(Observation::number));
		return new ParzenEstimator[] { new ParzenEstimator(names, counts, rows(space, split.below(), names), priorWeight),
				new ParzenEstimator(names, counts, rows(space, above, names), priorWeight) };
	}

}
