package io.mipro.optimizer;

import java.util.List;

/**
 * {@code maxLmCalls}: a budget on calls the provider answered (cache hits are free), checked before each step, so
 * the step in progress always finishes and a run exceeds its budget by at most one step's calls. When it runs out the
 * search ends with the best program so far; a run needs its baseline's score to have one.
 */
final class CallBudget {

	private final RunContext run;

	CallBudget(RunContext run) {
		this.run = run;
	}

	boolean exhausted(OptimizationState state) {
		Long max = run.config().maxLmCalls();
		return max != null && state.stopReason() == null && state.phase() != Phase.FINALIZING
				&& state.phase() != Phase.DONE && state.usage().sentCalls() >= max;
	}

	OptimizationState stop(OptimizationState state, List<OptimizationEvent> events) {
		String reason = "budget: maxLmCalls=" + run.config().maxLmCalls() + " reached after "
				+ state.usage().sentCalls() + " calls";
		if (state.trials().isEmpty()) {
			throw new OptimizerException("The call budget ran out (" + reason + ") before the baseline was scored, so "
					+ "there is no program to keep. This run needs roughly " + callsToBaseline()
					+ " calls to reach its baseline; raise maxLmCalls.");
		}
		events.add(new OptimizationEvent.PhaseChanged(state.phase(), Phase.FINALIZING));
		return state.stopped(reason);
	}

	/** Calls before the baseline is scored: demo sets (upper bound), the proposer's calls and the baseline itself. */
	private long callsToBaseline() {
		SearchPlan plan = run.plan();
		int predictors = run.student().size();
		long bootstrap = (long) Math.max(0, plan.demoSets() - 2) * Math.min(run.trainset().size(),
				4L * Math.max(1, run.config().maxBootstrappedDemos()));
		long proposer = 11 + 2L * predictors + (long) plan.proposalsPerPredictor() * predictors;
		return bootstrap + proposer + plan.valsetSize();
	}

}
