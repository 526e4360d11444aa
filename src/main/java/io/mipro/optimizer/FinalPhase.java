package io.mipro.optimizer;

import java.util.List;

import io.mipro.optimizer.search.Trial;

/**
 * Step 4 (spec 5.6): the program with the best full-validation score is the result (the baseline wins ties). When a
 * test set was given, the baseline and the result are scored on it (one step), unless a budget stopped the run: then
 * nothing more is spent.
 */
final class FinalPhase {

	private final RunContext run;

	FinalPhase(RunContext run) {
		this.run = run;
	}

	OptimizationState step(OptimizationState state, List<OptimizationEvent> events) {
		Trial best = state.best();
		if (!run.testset().isEmpty() && state.baselineTestScore() == null && state.stopReason() == null) {
			double baseline = run.evaluator()
				.evaluate(run.programFor(state, run.searchSpace(state).origin()), run.testset(), "test")
				.score();
			double optimized = best.number() == 1 ? baseline
					: run.evaluator().evaluate(run.programFor(state, best.params()), run.testset(), "test").score();
			events.add(new OptimizationEvent.TestScored(baseline, optimized));
			return state.withBaselineTestScore(baseline).withBestTestScore(optimized);
		}
		OptimizationState done = RunContext.changePhase(state, Phase.DONE, events);
		events.add(new OptimizationEvent.Finished(best, state.stopReason()));
		return done;
	}

}
