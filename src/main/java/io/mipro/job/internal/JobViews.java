package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;

import io.mipro.job.CandidateView;
import io.mipro.job.DemoSetView;
import io.mipro.job.JobView;
import io.mipro.job.TrialView;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;

/** Maps stored rows onto the API's views. */
public final class JobViews {

	private JobViews() {
	}

	public static JobView job(JobEntity job) {
		boolean simulated = "simulated".equals(job.getProvider());
		var usage = job.getUsage();
		return new JobView(job.getId(), job.getName(), job.getStatus(), job.getPhase(),
				new JobView.Progress(job.getCompletedTrials(), job.getTotalTrials(), job.getFullEvaluations()),
				job.getBaselineScore(), job.getBestScore(), job.getBestTrial(), job.getBaselineTestScore(),
				job.getTestScore(),
				new JobView.LmUsage(usage.promptModelCalls(), usage.taskModelCalls(), usage.cachedCalls(),
						usage.inputTokens(), usage.outputTokens(), job.getRetriedCalls()),
				job.getProvider(), simulated, simulated ? SimulatedLanguageModel.NOTICE : null, job.getStopReason(),
				job.getError(), job.getTrainDatasetId(), job.getDevDatasetId(), job.getTestDatasetId(),
				job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt());
	}

	static String role(Trial trial) {
		return switch (trial.kind()) {
			case BASELINE -> "baseline";
			case MINIBATCH, FULL -> "objective";
			case FULL_EVAL -> "periodic";
		};
	}

	public static TrialView trial(Trial trial, int predictors) {
		List<TrialView.Choice> choices = new ArrayList<>();
		for (int p = 0; p < predictors; p++) {
			choices.add(new TrialView.Choice(trial.params().getOrDefault(SearchSpace.instructionParam(p), 0),
					trial.params().get(SearchSpace.demosParam(p))));
		}
		return new TrialView(trial.number(), trial.kind().isFull() ? "full" : "minibatch", role(trial), trial.round(),
				choices, trial.params(), trial.score(), trial.batchSize(), trial.parseFailures(),
				trial.durationMillis(), trial.usage());
	}

	public static List<CandidateView> candidates(List<InstructionCandidate> candidates, List<Trial> trials) {
		List<CandidateView> views = new ArrayList<>();
		for (InstructionCandidate c : candidates) {
			String param = SearchSpace.instructionParam(c.predictor());
			double sum = 0;
			int count = 0;
			List<Double> full = new ArrayList<>();
			for (Trial trial : trials) {
				Integer used = trial.params().get(param);
				if (used == null || used != c.index()) {
					continue;
				}
				if (trial.kind() == TrialKind.MINIBATCH) {
					sum += trial.score();
					count++;
				}
				else {
					full.add(trial.score());
				}
			}
			views.add(new CandidateView(c.predictor(), c.index(), c.text(), c.round(), c.tip(), c.temperature(),
					c.isOriginal(), count == 0 ? null : Math.round(sum / count * 100) / 100.0, count, full));
		}
		return views;
	}

	public static DemoSetView demoSet(DemoSet set) {
		List<List<DemoSetView.Demo>> demos = set.demosPerPredictor()
			.stream()
			.map(list -> list.stream().map(d -> new DemoSetView.Demo(d.augmented(), new java.util.LinkedHashMap<>(d.values()))).toList())
			.toList();
		return new DemoSetView(set.index(), set.kind().name(), demos);
	}

}
