package io.mipro.optimizer;

import java.util.List;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.Trial;

/** What a step did, for listeners (progress views, logs, event streams). */
public sealed interface OptimizationEvent {

	record PhaseChanged(Phase from, Phase to) implements OptimizationEvent {
	}

	record DemoSetBuilt(DemoSet demoSet) implements OptimizationEvent {
	}

	record DatasetSummarized(String summary) implements OptimizationEvent {
	}

	record CandidateProposed(InstructionCandidate candidate) implements OptimizationEvent {
	}

	/** A proposal that added nothing: a duplicate of an existing instruction, or an unusable answer. */
	record ProposalDropped(int predictor, int round, String reason) implements OptimizationEvent {
	}

	record TrialFinished(Trial trial) implements OptimizationEvent {
	}

	/** A full evaluation beat every earlier one (the baseline is the first best). */
	record NewBest(Trial trial) implements OptimizationEvent {
	}

	/** Every combination seen on minibatches was already fully evaluated; the reference crashes here. */
	record FullEvaluationSkipped(int afterMinibatchTrials) implements OptimizationEvent {
	}

	record TestScored(double baselineScore, double bestScore) implements OptimizationEvent {
	}

	/**
	 * Adaptive strategy: a predictor's new instructions were screened on a shared minibatch and the best joined the
	 * search.
	 * @param kept the candidate indices the search now chooses from
	 * @param note the decision in words, e.g. "screened 8 instructions on 15 examples with demo set 2, kept 3"
	 */
	record Screened(int predictor, int round, int screened, int examples, int demoSet, List<Integer> kept,
			String note) implements OptimizationEvent {
	}

	record Finished(Trial best, String stopReason) implements OptimizationEvent {
	}

}
