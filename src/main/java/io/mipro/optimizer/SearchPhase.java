package io.mipro.optimizer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.mipro.optimizer.search.Observation;
import io.mipro.optimizer.search.TpeSampler;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import io.mipro.optimizer.search.TrialScores;
import io.mipro.optimizer.util.SeededRandom;

/**
 * Step 3 (spec 5): the search, one trial per step. The baseline (the unmodified program on the whole validation set)
 * is trial 1. Then TPE samples one instruction index and one demo-set index per predictor for each objective trial,
 * scored on a fresh minibatch (or on the whole validation set when minibatching is off); after every S minibatch
 * trials, and after the last, the combination with the best mean minibatch score that has no full score yet is
 * scored on the whole validation set. Both the baseline and the full evaluations join TPE's history. When every
 * combination seen was already fully scored the evaluation is skipped (the reference crashes). Rounds beyond the
 * first go back to proposing, then search again.
 */
final class SearchPhase {

	private final RunContext run;

	private final TpeSampler sampler = new TpeSampler();

	SearchPhase(RunContext run) {
		this.run = run;
	}

	OptimizationState step(OptimizationState state, List<OptimizationEvent> events) {
		if (state.trials().isEmpty()) {
			return baseline(state, events);
		}
		SearchPlan plan = run.plan();
		int minibatchTotal = count(state, TrialKind.MINIBATCH, -1);
		int minibatchInRound = count(state, TrialKind.MINIBATCH, state.round());
		if (plan.minibatch() && minibatchTotal > state.fullEvalChecks()
				&& (minibatchInRound % plan.fullEvalSteps() == 0 || minibatchInRound == plan.numTrials())) {
			return periodicFullEvaluation(state, minibatchTotal, events);
		}
		int objectiveInRound = count(state, TrialKind.MINIBATCH, state.round())
				+ count(state, TrialKind.FULL, state.round());
		if (objectiveInRound < plan.numTrials()) {
			return objectiveTrial(state, events);
		}
		if (state.round() + 1 < plan.proposalRounds()) {
			events.add(new OptimizationEvent.PhaseChanged(Phase.SEARCHING, Phase.PROPOSING));
			return state.nextRound();
		}
		return RunContext.changePhase(state, Phase.FINALIZING, events);
	}

	private static int count(OptimizationState state, TrialKind kind, int round) {
		return (int) state.trials().stream().filter(t -> t.kind() == kind && (round < 0 || t.round() == round)).count();
	}

	private OptimizationState baseline(OptimizationState state, List<OptimizationEvent> events) {
		Trial trial = run.evaluate(state, 1, TrialKind.BASELINE, run.searchSpace(state).origin(), state.valset(),
				List.of());
		events.add(new OptimizationEvent.TrialFinished(trial));
		events.add(new OptimizationEvent.NewBest(trial));
		return state.plusTrial(trial);
	}

	private OptimizationState objectiveTrial(OptimizationState state, List<OptimizationEvent> events) {
		int number = state.trials().size() + 1;
		List<Observation> history = state.trials().stream().map(Trial::observation).toList();
		Map<String, Integer> params = sampler.suggest(run.searchSpace(state), history,
				SeededRandom.of(run.config().seed(), "tpe", number));
		SearchPlan plan = run.plan();
		Trial trial;
		if (plan.minibatch() && plan.minibatchSize() < state.valset().size()) {
			List<Integer> positions = IntStream.range(0, state.valset().size()).boxed().toList();
			List<Integer> batch = SeededRandom.of(run.config().seed(), "minibatch", number)
				.sample(positions, plan.minibatchSize());
			List<Integer> devIndices = batch.stream().map(state.valset()::get).toList();
			trial = run.evaluate(state, number, TrialKind.MINIBATCH, params, devIndices, batch);
		}
		else {
			trial = run.evaluate(state, number, plan.minibatch() ? TrialKind.MINIBATCH : TrialKind.FULL, params,
					state.valset(), List.of());
		}
		return recorded(state.plusTrial(trial), trial, events);
	}

	private OptimizationState periodicFullEvaluation(OptimizationState state, int minibatchTotal,
			List<OptimizationEvent> events) {
		Optional<Map<String, Integer>> pick = nextToFullyEvaluate(state.trials());
		OptimizationState checked = state.withFullEvalChecks(minibatchTotal);
		if (pick.isEmpty()) {
			events.add(new OptimizationEvent.FullEvaluationSkipped(minibatchTotal));
			return checked;
		}
		Trial trial = run.evaluate(state, state.trials().size() + 1, TrialKind.FULL_EVAL, pick.get(), state.valset(),
				List.of());
		return recorded(checked.plusTrial(trial), trial, events);
	}

	/**
	 * The combination with the best mean minibatch score that has no full score yet: ties go to the combination first
	 * seen (the reference sorts stably), and the baseline's combination counts as fully scored.
	 */
	static Optional<Map<String, Integer>> nextToFullyEvaluate(List<Trial> trials) {
		Set<Map<String, Integer>> fullyEvaluated = trials.stream()
			.filter(t -> t.kind().isFull())
			.map(Trial::params)
			.collect(Collectors.toSet());
		return TrialScores.byCombination(trials, t -> t.kind() == TrialKind.MINIBATCH)
			.entrySet()
			.stream()
			.sorted(Comparator.comparingDouble(
					(Map.Entry<Map<String, Integer>, TrialScores.Mean> e) -> -e.getValue().value()))
			.map(Map.Entry::getKey)
			.filter(params -> !fullyEvaluated.contains(params))
			.findFirst();
	}

	private static OptimizationState recorded(OptimizationState next, Trial trial, List<OptimizationEvent> events) {
		events.add(new OptimizationEvent.TrialFinished(trial));
		if (trial.kind().isFull() && next.best().number() == trial.number()) {
			events.add(new OptimizationEvent.NewBest(trial));
		}
		return next;
	}

}
