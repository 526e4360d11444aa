package io.mipro.optimizer;

import java.util.List;
import java.util.Locale;

import io.mipro.optimizer.spi.Usage;

/**
 * The budgets {@code maxLmCalls}, {@code maxTokens} and {@code maxCostUsd}, all on calls the provider answered (cache
 * hits are free), checked before each step, so the step in progress always finishes and a run exceeds a budget by at
 * most one step's usage. When one runs out the search ends with the best program so far; a run needs its baseline's
 * score to have one.
 */
final class CallBudget {

	private final RunContext run;

	CallBudget(RunContext run) {
		this.run = run;
	}

	boolean exhausted(OptimizationState state) {
		return state.stopReason() == null && state.phase() != Phase.FINALIZING && state.phase() != Phase.DONE
				&& reason(state.usage()) != null;
	}

	/** Which budget the usage has reached, in words, or null. */
	private String reason(Usage usage) {
		MiproConfig config = run.config();
		if (config.maxLmCalls() != null && usage.sentCalls() >= config.maxLmCalls()) {
			return "maxLmCalls=" + config.maxLmCalls() + " reached after " + usage.sentCalls() + " calls";
		}
		if (config.maxTokens() != null && usage.tokens() >= config.maxTokens()) {
			return "maxTokens=" + config.maxTokens() + " reached after " + usage.tokens() + " tokens";
		}
		if (config.maxCostUsd() != null && usage.costUsd() >= config.maxCostUsd()) {
			return String.format(Locale.ROOT, "maxCostUsd=%s reached after $%.6f", config.maxCostUsd(),
					usage.costUsd());
		}
		return null;
	}

	OptimizationState stop(OptimizationState state, List<OptimizationEvent> events) {
		String reason = "budget: " + reason(state.usage());
		if (state.trials().isEmpty()) {
			String budget = reason.substring("budget: ".length(), reason.indexOf('='));
			throw new OptimizerException("The budget ran out (" + reason + ") before the baseline was scored, so "
					+ "there is no program to keep. This run needs roughly " + callsToBaseline()
					+ " calls to reach its baseline; raise " + budget + ".");
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
