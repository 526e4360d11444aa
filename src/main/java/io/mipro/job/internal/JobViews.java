package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;

import io.mipro.job.CandidateView;
import io.mipro.job.DemoSetView;
import io.mipro.job.JobRequest;
import io.mipro.job.JobView;
import io.mipro.job.PredictorView;
import io.mipro.job.TrialView;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import io.mipro.optimizer.search.TrialScores;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Maps stored rows onto the API's views. */
public final class JobViews {

	private JobViews() {
	}

	public static JobView job(JobEntity job) {
		boolean simulated = "simulated".equals(job.getProvider());
		// the stored request, read once for the settings the view repeats (a view is the API's most frequent read)
		JsonNode request = JSON.readTree(job.getRequest());
		return new JobView(job.getId(), job.getName(), job.getStatus(), job.getPhase(),
				new JobView.Progress(job.getCompletedTrials(), job.getTotalTrials(), job.getFullEvaluations()),
				job.getBaselineScore(), job.getBestScore(), job.getBestTrial(), job.getBaselineTestScore(),
				job.getTestScore(), usage(job),
				predictors(job), strategy(request), decisions(job),
				job.getProvider(), simulated, simulated ? SimulatedLanguageModel.NOTICE : null, job.getStopReason(),
				job.getError(), job.getTrainDatasetId(), job.getDevDatasetId(), job.getTestDatasetId(), split(job),
				job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(), job.getProgramId(), job.getOriginJobId(),
				teacherModel(request));
	}

	/** The calls, tokens and cost a job row (or an evaluation run's) has recorded so far. */
	public static JobView.LmUsage usage(JobEntity job) {
		var usage = job.getUsage();
		return new JobView.LmUsage(usage.promptModelCalls(), usage.taskModelCalls(), usage.cachedCalls(),
				usage.inputTokens(), usage.outputTokens(), job.getRetriedCalls(), usage.retrievals(),
				usage.judgeModelCalls(), cost(usage), usage.unpricedCalls());
	}

	private static JobRequest.ModelSpec teacherModel(JsonNode request) {
		JsonNode teacher = request.path("teacherModel");
		return teacher.isObject() ? JSON.treeToValue(teacher, JobRequest.ModelSpec.class) : null;
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<PredictorView>> PREDICTORS = new TypeReference<>() {
	};

	/** The strategy the job runs with (jobs stored before strategies existed ran the reference's). */
	private static String strategy(JsonNode request) {
		JsonNode strategy = request.path("optimizer").path("strategy");
		return strategy.isString() ? strategy.asString() : "reference";
	}

	/** The cost so far, rounded to a millionth of a dollar; null when calls were sent and none had a price. */
	private static Double cost(io.mipro.optimizer.spi.Usage usage) {
		if (usage.unpricedCalls() > 0 && usage.costUsd() == 0) {
			return null;
		}
		return Math.round(usage.costUsd() * 1e6) / 1e6;
	}

	private static JobView.Split split(JobEntity job) {
		return job.getDataSplit() == null ? null : JSON.readValue(job.getDataSplit(), JobView.Split.class);
	}

	private static List<String> decisions(JobEntity job) {
		return job.getDecisions() == null ? List.of() : List.of(JSON.readValue(job.getDecisions(), String[].class));
	}

	private static List<PredictorView> predictors(JobEntity job) {
		return job.getPredictors() == null ? List.of() : JSON.readValue(job.getPredictors(), PREDICTORS);
	}

	static String role(Trial trial) {
		return switch (trial.kind()) {
			case BASELINE -> "baseline";
			case MINIBATCH, FULL -> "objective";
			case FULL_EVAL -> "periodic";
			case SCREEN -> "screening";
		};
	}

	public static TrialView trial(Trial trial, List<String> predictors) {
		List<TrialView.Choice> choices = new ArrayList<>();
		for (int p = 0; p < predictors.size(); p++) {
			choices.add(new TrialView.Choice(predictors.get(p),
					trial.params().getOrDefault(SearchSpace.instructionParam(p), 0),
					trial.params().get(SearchSpace.demosParam(p))));
		}
		return new TrialView(trial.number(), trial.kind().isFull() ? "full" : "minibatch", role(trial), trial.round(),
				choices, trial.params(), trial.score(), trial.batchSize(), trial.parseFailures(),
				trial.durationMillis(), trial.usage());
	}

	public static List<CandidateView> candidates(List<InstructionCandidate> candidates, List<Trial> trials,
			List<String> predictors) {
		List<CandidateView> views = new ArrayList<>();
		for (InstructionCandidate c : candidates) {
			String param = SearchSpace.instructionParam(c.predictor());
			TrialScores.Mean minibatch = TrialScores.byParam(trials, param, t -> t.kind() == TrialKind.MINIBATCH)
				.get(c.index());
			List<Double> full = trials.stream()
				.filter(t -> t.kind().isFull() && Integer.valueOf(c.index()).equals(t.params().get(param)))
				.map(Trial::score)
				.toList();
			views.add(new CandidateView(c.predictor(), predictors.get(c.predictor()), c.index(), c.text(), c.round(),
					c.tip(), c.temperature(), c.isOriginal(),
					minibatch == null ? null : Math.round(minibatch.value() * 100) / 100.0,
					minibatch == null ? 0 : minibatch.count(), full));
		}
		return views;
	}

	public static DemoSetView demoSet(DemoSet set, List<String> predictors) {
		List<List<DemoSetView.Demo>> demos = set.demosPerPredictor()
			.stream()
			.map(list -> list.stream().map(d -> new DemoSetView.Demo(d.augmented(), new java.util.LinkedHashMap<>(d.values()))).toList())
			.toList();
		return new DemoSetView(set.index(), set.kind().name(), predictors, demos);
	}

}
