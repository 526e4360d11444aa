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

	/** One instruction to screen: predictor {@code predictor}'s candidate {@code candidate}. */
	record Item(int predictor, int candidate) {
	}

	/** The parameters of a screening trial: this instruction, every other predictor's original, the fixed demo set. */
	Map<String, Integer> params(Item item, int predictors) {
		Map<String, Integer> params = new TreeMap<>();
		for (int p = 0; p < predictors; p++) {
			params.put(SearchSpace.instructionParam(p), p == item.predictor() ? item.candidate() : 0);
			if (!plan.zeroShot()) {
				params.put(SearchSpace.demosParam(p), plan.screeningDemoSet());
			}
		}
		return params;
	}

	/** The validation-set positions every screening trial uses. */
	List<Integer> batch(int valsetSize) {
		List<Integer> positions = IntStream.range(0, valsetSize).boxed().toList();
		return SeededRandom.of(seed, "screening").sample(positions, Math.min(plan.screeningBatch(), valsetSize));
	}

	/** Candidates of this round (and the original, in round 0) that have no screening trial yet, in order. */
	List<Item> pending(OptimizationState state) {
		List<Item> items = new ArrayList<>();
		for (int p = 0; p < state.candidates().size(); p++) {
			for (InstructionCandidate candidate : state.candidates().get(p)) {
				boolean ofThisRound = candidate.isOriginal() ? state.round() == 0 : candidate.round() == state.round();
				if (ofThisRound && score(state.trials(), p, candidate.index(), state.candidates().size()) == null) {
					items.add(new Item(p, candidate.index()));
				}
			}
		}
		return items;
	}

	private Double score(List<Trial> trials, int predictor, int candidate, int predictors) {
		Map<String, Integer> params = params(new Item(predictor, candidate), predictors);
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
					&& score(state.trials(), predictor, candidate.index(), predictors) != null) {
				screened.add(candidate);
			}
		}
		screened.sort(Comparator
			.comparingDouble((InstructionCandidate c) -> -score(state.trials(), predictor, c.index(), predictors))
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
				+ Math.min(plan.screeningBatch(), plan.valsetSize()) + " examples"
				+ (plan.zeroShot() ? "" : " with demo set " + plan.screeningDemoSet()) + ", kept " + kept.size()
				+ " for the search " + kept;
	}

}
