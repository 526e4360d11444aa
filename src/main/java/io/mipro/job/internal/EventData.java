package io.mipro.job.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mipro.optimizer.OptimizationEvent;
import io.mipro.optimizer.search.Trial;

/** The stored (and streamed) form of an optimizer event: a type and a small JSON object. */
final class EventData {

	private EventData() {
	}

	/** A stored event's type and data. */
	record Stored(String type, Map<String, Object> data) {
	}

	/**
	 * @param predictors the program's predictor names, so events name the predictor they are about
	 */
	// Java 17: instanceof chains rather than a pattern switch over the sealed interface
	static Stored of(OptimizationEvent event, java.util.List<String> predictors) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (event instanceof OptimizationEvent.PhaseChanged e) {
			data.put("from", e.from());
			data.put("to", e.to());
			return new Stored("phase", data);
		}
		if (event instanceof OptimizationEvent.DemoSetBuilt e) {
			data.put("index", e.demoSet().index());
			data.put("kind", e.demoSet().kind());
			data.put("demos", e.demoSet().size());
			return new Stored("demo-set", data);
		}
		if (event instanceof OptimizationEvent.DatasetSummarized e) {
			data.put("summary", e.summary());
			return new Stored("dataset-summary", data);
		}
		if (event instanceof OptimizationEvent.CandidateProposed e) {
			data.put("predictor", e.candidate().predictor());
			data.put("predictorName", predictors.get(e.candidate().predictor()));
			data.put("index", e.candidate().index());
			data.put("round", e.candidate().round());
			data.put("tip", e.candidate().tip());
			data.put("temperature", e.candidate().temperature());
			data.put("instruction", e.candidate().text());
			return new Stored("candidate", data);
		}
		if (event instanceof OptimizationEvent.ProposalDropped e) {
			data.put("predictor", e.predictor());
			data.put("predictorName", predictors.get(e.predictor()));
			data.put("round", e.round());
			data.put("reason", e.reason());
			return new Stored("proposal-dropped", data);
		}
		if (event instanceof OptimizationEvent.TrialFinished e) {
			trial(data, e.trial(), predictors);
			return new Stored("trial", data);
		}
		if (event instanceof OptimizationEvent.NewBest e) {
			trial(data, e.trial(), predictors);
			return new Stored("new-best", data);
		}
		if (event instanceof OptimizationEvent.FullEvaluationSkipped e) {
			data.put("afterMinibatchTrials", e.afterMinibatchTrials());
			return new Stored("full-evaluation-skipped", data);
		}
		if (event instanceof OptimizationEvent.TestScored e) {
			data.put("baselineTestScore", e.baselineScore());
			data.put("testScore", e.bestScore());
			return new Stored("test-scores", data);
		}
		if (event instanceof OptimizationEvent.Screened e) {
			data.put("predictor", e.predictor());
			data.put("predictorName", predictors.get(e.predictor()));
			data.put("round", e.round());
			data.put("screened", e.screened());
			data.put("examples", e.examples());
			data.put("demoSet", e.demoSet());
			data.put("kept", e.kept());
			data.put("note", e.note());
			return new Stored("screened", data);
		}
		if (event instanceof OptimizationEvent.Finished e) {
			trial(data, e.best(), predictors);
			data.put("stopReason", e.stopReason());
			return new Stored("finished", data);
		}
		throw new IllegalArgumentException("unknown event " + event);
	}

	private static void trial(Map<String, Object> data, Trial trial, java.util.List<String> predictors) {
		data.put("number", trial.number());
		data.put("kind", trial.kind().isFull() ? "full" : "minibatch");
		data.put("role", JobViews.role(trial));
		data.put("round", trial.round());
		data.put("params", trial.params());
		data.put("predictors", JobViews.trial(trial, predictors).predictors());
		data.put("score", trial.score());
		data.put("batchSize", trial.batchSize());
	}

}
