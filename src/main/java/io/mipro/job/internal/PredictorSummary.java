package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mipro.job.PredictorView;
import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;

/** The job view's list of predictors, kept on the job row and refreshed at every checkpoint. */
public final class PredictorSummary {

	private PredictorSummary() {
	}

	/** @param state null before the run starts: then the original instructions are shown */
	public static List<PredictorView> of(Program program, OptimizationState state) {
		Trial best = state == null || state.trials().isEmpty() ? null : state.best();
		List<PredictorView> views = new ArrayList<>();
		for (int p = 0; p < program.size(); p++) {
			Predictor predictor = program.predictor(p);
			String instruction = predictor.signature().instructions();
			Integer instructionIndex = null;
			Integer demoSet = null;
			if (best != null) {
				instructionIndex = best.params().get(SearchSpace.instructionParam(p));
				instruction = state.candidates().get(p).get(instructionIndex).text();
				demoSet = best.params().get(SearchSpace.demosParam(p));
			}
			views.add(new PredictorView(p, predictor.name(), predictor.kind().name().toLowerCase(Locale.ROOT),
					program.path(p), predictor.signature().shortForm(), instruction, instructionIndex, demoSet));
		}
		return views;
	}

}
