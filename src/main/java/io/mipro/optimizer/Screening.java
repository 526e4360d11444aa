package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import io.mipro.optimizer.util.SeededRandom;

/**
 * The adaptive strategy's screening (ours; the reference has none): each instruction a round proposed, and the
 * original in round 0, is scored once with one fixed demo set for every predictor on one minibatch shared by all of
 * them, so their scores compare on the same examples; the best of each round join the search. Everything here is
 * read from the trials, so a resumed run screens and keeps exactly what the uninterrupted one did.
 */
final class Screening {

	private final SearchPlan plan;

	private final long seed;

	Screening(SearchPlan plan, long seed) {
		this.plan = plan;
		this.seed = seed;
	}

	/**
	 * One screening trial: predictor {@code predictor}'s candidate {@code candidate} with the others' originals and no
	 * demos, or (predictor -1) demo set {@code demoSet} with every predictor's best screened instruction.
	 */
	record Item(int predictor, int candidate, int demoSet) {

		static Item instruction(int predictor, int candidate) {
			return new Item(predictor, candidate, -1);
		}

	}

	/** The parameters of a screening trial. */
	Map<String, Integer> params(Item item, List<Integer> bestInstructions) {
		Map<String, Integer> params = new TreeMap<>();
		int predictors = bestInstructions.size();
		for (int p = 0; p < predictors; p++) {
			if (item.demoSet() >= 0) {
				params.put(SearchSpace.instructionParam(p), bestInstructions.get(p));
				params.put(SearchSpace.demosParam(p), item.demoSet());
				continue;
			}
			params.put(SearchSpace.instructionParam(p), p == item.predictor() ? item.candidate() : 0);
			if (!plan.zeroShot()) {
				params.put(SearchSpace.demosParam(p), plan.screeningDemoSet());
			}
		}
		return params;
	}

	private Map<String, Integer> instructionParams(int predictor, int candidate, int predictors) {
		return params(Item.instruction(predictor, candidate), java.util.Collections.nCopies(predictors, 0));
	}

	/** The validation-set positions every screening trial uses. */
	List<Integer> batch(int valsetSize) {
		List<Integer> positions = IntStream.range(0, valsetSize).boxed().toList();
		return SeededRandom.of(seed, "screening").sample(positions, Math.min(plan.screeningBatch(), valsetSize));
	}

	/**
	 * What is left to screen, in order: candidates of this round (and the original, in round 0) without a screening
	 * trial; once none is left, in round 0, the demo sets not yet screened with the best instructions.
	 */
	List<Item> pending(OptimizationState state) {
		List<Item> items = new ArrayList<>();
		int predictors = state.candidates().size();
		for (int p = 0; p < predictors; p++) {
			for (InstructionCandidate candidate : state.candidates().get(p)) {
				boolean ofThisRound = candidate.isOriginal() ? state.round() == 0 : candidate.round() == state.round();
				if (ofThisRound && score(state.trials(), instructionParams(p, candidate.index(), predictors)) == null) {
					items.add(Item.instruction(p, candidate.index()));
				}
			}
		}
		if (!items.isEmpty() || state.round() > 0 || plan.zeroShot()) {
			return items;
		}
		List<Integer> best = bestInstructions(state);
		for (int j = 1; j < plan.demoSets(); j++) {
			Item item = new Item(-1, -1, j);
			if (score(state.trials(), params(item, best)) == null) {
				items.add(item);
			}
		}
		return items;
	}

	/** Each predictor's best screened instruction of round 0 (its original when nothing beat it). */
	List<Integer> bestInstructions(OptimizationState state) {
		List<Integer> best = new ArrayList<>();
		int predictors = state.candidates().size();
		for (int p = 0; p < predictors; p++) {
			int chosen = 0;
			Double top = score(state.trials(), instructionParams(p, 0, predictors));
			for (InstructionCandidate candidate : state.candidates().get(p)) {
				Double score = candidate.round() == 0
						? score(state.trials(), instructionParams(p, candidate.index(), predictors)) : null;
				if (score != null && (top == null || score > top)) {
					top = score;
					chosen = candidate.index();
				}
			}
			best.add(chosen);
		}
		return best;
	}

	private static Double score(List<Trial> trials, Map<String, Integer> params) {
		for (Trial trial : trials) {
			if (trial.kind() == TrialKind.SCREEN && trial.params().equals(params)) {
				return trial.score();
			}
		}
		return null;
	}

	/**
	 * The instructions the search chooses from, per predictor: the original, then for each round the best of that
	 * round's screened instructions (by screening score, the earlier candidate on ties), as many as the reference
	 * would search in all.
	 */
	List<List<Integer>> kept(OptimizationState state) {
		List<List<Integer>> kept = new ArrayList<>();
		int predictors = state.candidates().size();
		for (int p = 0; p < predictors; p++) {
			List<Integer> mine = new ArrayList<>(List.of(0));
			for (int round = 0; round <= state.round(); round++) {
				mine.addAll(best(state, p, round, predictors));
			}
			kept.add(mine);
		}
		return kept;
	}

	/** Round {@code round}'s screened instructions of a predictor that join the search, best first. */
	List<Integer> best(OptimizationState state, int predictor, int round, int predictors) {
		List<InstructionCandidate> screened = new ArrayList<>();
		for (InstructionCandidate candidate : state.candidates().get(predictor)) {
			if (!candidate.isOriginal() && candidate.round() == round
					&& score(state.trials(), instructionParams(predictor, candidate.index(), predictors)) != null) {
				screened.add(candidate);
			}
		}
		screened.sort(Comparator
			.comparingDouble(
					(InstructionCandidate c) -> -score(state.trials(), instructionParams(predictor, c.index(), predictors)))
			.thenComparingInt(InstructionCandidate::index));
		return screened.subList(0, Math.min(plan.instructionCandidates() - 1, screened.size()))
			.stream()
			.map(InstructionCandidate::index)
			.toList();
	}

	/** The decision in words, for events, views and the artifact's provenance. */
	String note(OptimizationState state, int predictor, List<Integer> kept) {
		long screened = state.candidates().get(predictor).stream().filter(c -> !c.isOriginal() && c.round() == state.round()).count();
		return "screened " + screened + " new instruction" + (screened == 1 ? "" : "s") + " on "
				+ Math.min(plan.screeningBatch(), plan.valsetSize()) + " examples without demos, kept " + kept.size()
				+ " for the search " + kept
				+ (state.round() == 0 && !plan.zeroShot() ? "; then every demo set with the best instructions" : "");
	}

}
