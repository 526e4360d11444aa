package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.propose.ProgramContext;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.spi.Usage;

/**
 * Everything a run has learned, and all it needs to continue: the optimizer is a step function over this state, so
 * a run restored from any saved state makes exactly the choices the uninterrupted run would have made. Values are
 * immutable; each step returns a new state.
 *
 * @param valset positions in the dev set that form the validation set (capped and shuffled under auto)
 * @param summarized whether the dataset summary step ran (the summary may still be null if the model failed)
 * @param candidates instruction candidates per predictor; index 0 is the original instruction
 * @param proposalsAttempted proposal slots of the current round already tried (a dropped duplicate counts)
 * @param fullEvalChecks minibatch trials done when the last periodic full evaluation was considered
 * @param stopReason why the run ended early (e.g. a budget), or null
 */
public record OptimizationState(Phase phase, int round, List<Integer> valset, List<DemoSet> demoSets,
		boolean summarized, String datasetSummary, List<ProgramContext> contexts,
		List<List<InstructionCandidate>> candidates, int proposalsAttempted, List<Trial> trials, int fullEvalChecks,
		Double baselineTestScore, Double bestTestScore, Usage usage, String stopReason) {

	public OptimizationState {
		valset = List.copyOf(valset);
		demoSets = List.copyOf(demoSets);
		contexts = List.copyOf(contexts);
		candidates = candidates.stream().map(List::copyOf).toList();
		trials = List.copyOf(trials);
		usage = usage == null ? Usage.NONE : usage;
	}

	public static OptimizationState start(List<Integer> valset) {
		return new OptimizationState(Phase.BOOTSTRAPPING, 0, valset, List.of(), false, null, List.of(), List.of(), 0,
				List.of(), 0, null, null, Usage.NONE, null);
	}

	public boolean isDone() {
		return phase == Phase.DONE;
	}

	OptimizationState withPhase(Phase value) {
		return new OptimizationState(value, round, valset, demoSets, summarized, datasetSummary, contexts, candidates,
				proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withDemoSet(DemoSet set) {
		List<DemoSet> sets = new ArrayList<>(demoSets);
		sets.add(set);
		return new OptimizationState(phase, round, valset, sets, summarized, datasetSummary, contexts, candidates,
				proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withSummary(String summary) {
		return new OptimizationState(phase, round, valset, demoSets, true, summary, contexts, candidates,
				proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withContext(ProgramContext context) {
		List<ProgramContext> all = new ArrayList<>(contexts);
		all.add(context);
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, all, candidates,
				proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withCandidates(List<List<InstructionCandidate>> value, int attempted) {
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, contexts, value,
				attempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withTrial(Trial trial, int checks) {
		List<Trial> all = new ArrayList<>(trials);
		all.add(trial);
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, contexts, candidates,
				proposalsAttempted, all, checks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withFullEvalChecks(int checks) {
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, contexts, candidates,
				proposalsAttempted, trials, checks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState nextRound() {
		return new OptimizationState(Phase.PROPOSING, round + 1, valset, demoSets, summarized, datasetSummary,
				contexts, candidates, 0, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, stopReason);
	}

	OptimizationState withTestScores(Double baseline, Double best) {
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, contexts, candidates,
				proposalsAttempted, trials, fullEvalChecks, baseline, best, usage, stopReason);
	}

	OptimizationState plusUsage(Usage more) {
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, contexts, candidates,
				proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage.plus(more),
				stopReason);
	}

	OptimizationState stopped(String reason) {
		return new OptimizationState(Phase.FINALIZING, round, valset, demoSets, summarized, datasetSummary, contexts,
				candidates, proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, usage, reason);
	}

}
