package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.propose.ProgramContext;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialScores;
import io.mipro.optimizer.spi.Usage;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Everything a run has learned, and all it needs to continue: the optimizer is a step function over this state, so
 * a run restored from any saved state makes exactly the choices the uninterrupted run would have made. Values are
 * immutable; each step returns a new state (the {@code withX} methods are generated).
 *
 * @param valset positions in the dev set that form the validation set (capped and shuffled under auto)
 * @param summarized whether the dataset summary step ran (the summary may still be null if the model failed)
 * @param contexts what the proposer knows of each predictor's place in the program, one per predictor
 * @param candidates instruction candidates per predictor; index 0 is the original instruction
 * @param proposalsAttempted proposal slots of the current round already tried (a dropped duplicate counts)
 * @param fullEvalChecks minibatch trials done when the last periodic full evaluation was considered
 * @param stopReason why the run ended early (e.g. a budget), or null
 */
@RecordBuilder
public record OptimizationState(Phase phase, int round, List<Integer> valset, List<DemoSet> demoSets,
		boolean summarized, String datasetSummary, List<ProgramContext> contexts,
		List<List<InstructionCandidate>> candidates, int proposalsAttempted, List<Trial> trials, int fullEvalChecks,
		Double baselineTestScore, Double bestTestScore, Usage usage, String stopReason)
		implements OptimizationStateBuilder.With {

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

	/** The trial with the highest full-validation score; earlier wins ties, so the baseline wins against equals. */
	public Trial best() {
		return TrialScores.best(trials);
	}

	OptimizationState plusDemoSet(DemoSet set) {
		return withDemoSets(append(demoSets, set));
	}

	OptimizationState plusContext(ProgramContext context) {
		return withContexts(append(contexts, context));
	}

	OptimizationState plusTrial(Trial trial) {
		return withTrials(append(trials, trial));
	}

	OptimizationState plusUsage(Usage more) {
		return withUsage(usage.plus(more));
	}

	/** The next round starts with new proposals over the grown pool. */
	OptimizationState nextRound() {
		return with(b -> b.phase(Phase.PROPOSING).round(round + 1).proposalsAttempted(0));
	}

	/** Ends the search early, keeping what was learned. */
	OptimizationState stopped(String reason) {
		return with(b -> b.phase(Phase.FINALIZING).stopReason(reason));
	}

	private static <T> List<T> append(List<T> list, T item) {
		List<T> copy = new ArrayList<>(list);
		copy.add(item);
		return copy;
	}

}
