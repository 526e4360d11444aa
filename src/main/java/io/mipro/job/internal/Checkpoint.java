package io.mipro.job.internal;

import java.util.List;

import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.Phase;
import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.propose.ProgramContext;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.spi.Usage;

/**
 * The parts of the optimizer's state that are not rows of their own (demo sets, candidates and trials are), stored
 * as JSON on the job row in the same transaction as the rows, so the two always agree.
 */
record Checkpoint(Phase phase, int round, List<Integer> valset, boolean summarized, String datasetSummary,
		List<ProgramContext> contexts, int proposalsAttempted, int fullEvalChecks, Double baselineTestScore,
		Double bestTestScore, Usage usage, String stopReason) {

	static Checkpoint of(OptimizationState state) {
		return new Checkpoint(state.phase(), state.round(), state.valset(), state.summarized(), state.datasetSummary(),
				state.contexts(), state.proposalsAttempted(), state.fullEvalChecks(), state.baselineTestScore(),
				state.bestTestScore(), state.usage(), state.stopReason());
	}

	/**
	 * The state again, with the rows stored beside it. Usage comes from the job row, the one record of it: what the
	 * view shows is what a resumed run's budget counts from, including calls of an attempt that ended between two
	 * checkpoints (the {@code usage} stored here is only what the optimizer had counted at its last step).
	 */
	OptimizationState restore(List<DemoSet> demoSets, List<InstructionCandidate> candidates, List<Trial> trials,
			int predictors, Usage recorded) {
		List<List<InstructionCandidate>> perPredictor = candidates.isEmpty() ? List.of()
				: java.util.stream.IntStream.range(0, predictors)
					.mapToObj(p -> candidates.stream().filter(c -> c.predictor() == p).toList())
					.toList();
		return new OptimizationState(phase, round, valset, demoSets, summarized, datasetSummary, contexts, perPredictor,
				proposalsAttempted, trials, fullEvalChecks, baselineTestScore, bestTestScore, recorded, stopReason);
	}

}
