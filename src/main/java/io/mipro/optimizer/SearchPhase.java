package io.mipro.optimizer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.mipro.optimizer.search.Observation;
import io.mipro.optimizer.search.SearchSpace;
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
		if (plan.screens()) {
			List<Screening.Item> pending = run.screening().pending(state);
			if (!pending.isEmpty()) {
				return screen(state, pending, events);
			}
		}
		int trialsThisRound = plan.trialsAfterScreening(state.round(), count(state, TrialKind.SCREEN, state.round()));
		int minibatchTotal = count(state, TrialKind.MINIBATCH, -1);
		int minibatchInRound = count(state, TrialKind.MINIBATCH, state.round());
		if (plan.minibatch() && minibatchTotal > state.fullEvalChecks()
				&& (minibatchInRound % plan.fullEvalSteps() == 0 || minibatchInRound == trialsThisRound)) {
			return periodicFullEvaluation(state, minibatchTotal, events);
		}
		int objectiveInRound = count(state, TrialKind.MINIBATCH, state.round())
				+ count(state, TrialKind.FULL, state.round());
		if (objectiveInRound < trialsThisRound) {
			// several trials at once (parallelTrials), never across a periodic full evaluation's turn
			int batch = Math.min(run.config().parallelTrials(), trialsThisRound - objectiveInRound);
			if (plan.minibatch()) {
				batch = Math.min(batch, plan.fullEvalSteps() - minibatchInRound % plan.fullEvalSteps());
			}
			return objectiveTrials(state, batch, events);
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

	/**
	 * Objective trials {@code n .. n + count - 1}: TPE suggests each in turn, the ones before it in the batch counting
	 * as running (constant liar), then they are scored at once and recorded in number order. With one trial this is
	 * the reference's sequential search exactly.
	 */
	private OptimizationState objectiveTrials(OptimizationState state, int count, List<OptimizationEvent> events) {
		int first = state.trials().size() + 1;
		List<Observation> history = state.trials().stream().map(Trial::observation).toList();
		List<Observation> running = new java.util.ArrayList<>();
		for (int k = 0; k < count; k++) {
			int number = first + k;
			Map<String, Integer> params = sampler.suggest(run.searchSpace(state), history, running,
					SeededRandom.of(run.config().seed(), "tpe", number));
			running.add(new Observation(number, params, Double.NEGATIVE_INFINITY));
		}
		List<Trial> trials = io.mipro.optimizer.util.ParallelMap.map(count, count,
				io.mipro.optimizer.util.ParallelMap.COORDINATION,
				k -> objectiveTrial(state, first + k, running.get(k).params()));
		OptimizationState next = state;
		for (Trial trial : trials) {
			next = recorded(next.plusTrial(trial), trial, events);
		}
		return next;
	}

	private Trial objectiveTrial(OptimizationState state, int number, Map<String, Integer> params) {
		SearchPlan plan = run.plan();
		if (plan.minibatch() && plan.minibatchSize() < state.valset().size()) {
			List<Integer> positions = IntStream.range(0, state.valset().size()).boxed().toList();
			List<Integer> batch = SeededRandom.of(run.config().seed(), "minibatch", number)
				.sample(positions, plan.minibatchSize());
			List<Integer> devIndices = batch.stream().map(state.valset()::get).toList();
			return run.evaluate(state, number, TrialKind.MINIBATCH, params, devIndices, batch);
		}
		return run.evaluate(state, number, plan.minibatch() ? TrialKind.MINIBATCH : TrialKind.FULL, params,
				state.valset(), List.of());
	}

	/**
	 * Screens the next instructions (as many at once as parallelTrials allows) on the shared minibatch; once a round's
	 * last is screened, says which joined the search.
	 */
	private OptimizationState screen(OptimizationState state, List<Screening.Item> pending,
			List<OptimizationEvent> events) {
		Screening screening = run.screening();
		int count = Math.min(Math.max(1, run.config().parallelTrials()), pending.size());
		int first = state.trials().size() + 1;
		List<Integer> batch = screening.batch(state.valset().size());
		List<Integer> devIndices = batch.stream().map(state.valset()::get).toList();
		int predictors = run.student().size();
		List<Integer> best = pending.get(0).demoSet() >= 0 ? screening.bestInstructions(state) : null;
		List<Trial> trials = io.mipro.optimizer.util.ParallelMap.map(count, count,
				io.mipro.optimizer.util.ParallelMap.COORDINATION,
				k -> run.evaluate(state, first + k, TrialKind.SCREEN,
						screening.params(pending.get(k), best != null ? best : java.util.Collections.nCopies(predictors, 0)),
						devIndices, batch));
		OptimizationState next = state;
		for (Trial trial : trials) {
			events.add(new OptimizationEvent.TrialFinished(trial));
			next = next.plusTrial(trial);
		}
		boolean instructionsDone = pending.get(0).demoSet() < 0
				&& (count == pending.size() || pending.get(count).demoSet() >= 0);
		if (instructionsDone) {
			List<List<Integer>> kept = screening.kept(next);
			for (int p = 0; p < predictors; p++) {
				events.add(new OptimizationEvent.Screened(p, next.round(),
						(int) next.candidates().get(p).stream().filter(c -> !c.isOriginal() && c.round() == state.round()).count(),
						batch.size(), run.plan().screeningDemoSet(), kept.get(p), screening.note(next, p, kept.get(p))));
			}
		}
		return next;
	}

	private OptimizationState periodicFullEvaluation(OptimizationState state, int minibatchTotal,
			List<OptimizationEvent> events) {
		Optional<Map<String, Integer>> pick = nextToFullyEvaluate(state.trials(), run.searchSpace(state));
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
	 * seen (the reference sorts stably), and the baseline's combination counts as fully scored. Screening scores count
	 * as minibatch scores; combinations outside the search space (instructions screening dropped) are not picked.
	 */
	static Optional<Map<String, Integer>> nextToFullyEvaluate(List<Trial> trials, SearchSpace space) {
		Set<Map<String, Integer>> fullyEvaluated = trials.stream()
			.filter(t -> t.kind().isFull())
			.map(Trial::params)
			.collect(Collectors.toSet());
		return TrialScores.byCombination(trials, t -> t.kind().isPartial() && space.contains(t.params()))
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
