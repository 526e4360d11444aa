package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;

import io.mipro.job.JobEstimate;
import io.mipro.optimizer.CallEstimate;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.Prices;

/** Prices a {@link CallEstimate} per model role and says what it assumes. */
public final class CostEstimates {

	private CostEstimates() {
	}

	public static JobEstimate of(CallEstimate estimate, String promptModel, String taskModel, String judgeModel,
			Prices prices) {
		List<String> notes = new ArrayList<>();
		notes.add("Exact from the plan: summary, description and proposal calls, trials, batch sizes and full "
				+ "evaluations. Assumed: half of the bootstrapped runs pass the metric; a combination drawn again, and "
				+ "the part of a full evaluation its minibatch already scored, come from the response cache; a judge "
				+ "is asked once per scored example. Tokens: the prompt format filled with this data, 4 characters a "
				+ "token. Worst case: bootstrapping walks the whole train set for every set, nothing is cached, and "
				+ "every answer needs its one retry.");
		CallEstimate.Steps s = estimate.steps();
		JobEstimate.Planned planned = new JobEstimate.Planned(s.demoSets(), s.bootstrappedSets(), s.proposals(),
				s.screeningTrials(), s.trials(), s.fullEvaluations(), s.valsetSize(), s.minibatch(),
				s.minibatchSize(), s.testEvaluations());
		JobEstimate.RoleEstimate prompt = role(estimate, ModelRole.PROMPT, promptModel, prices, notes);
		JobEstimate.RoleEstimate task = role(estimate, ModelRole.TASK, taskModel, prices, notes);
		JobEstimate.RoleEstimate judge = judgeModel == null ? null
				: role(estimate, ModelRole.JUDGE, judgeModel, prices, notes);
		List<JobEstimate.RoleEstimate> roles = judge == null ? List.of(prompt, task) : List.of(prompt, task, judge);
		boolean priced = roles.stream().allMatch(r -> r.expectedCostUsd() != null);
		return new JobEstimate(planned, prompt, task, judge,
				roles.stream().mapToLong(JobEstimate.RoleEstimate::expectedCalls).sum(),
				roles.stream().mapToLong(JobEstimate.RoleEstimate::worstCaseCalls).sum(),
				priced ? round(roles.stream().mapToDouble(JobEstimate.RoleEstimate::expectedCostUsd).sum()) : null,
				priced ? round(roles.stream().mapToDouble(JobEstimate.RoleEstimate::worstCaseCostUsd).sum()) : null,
				List.copyOf(notes));
	}

	private static JobEstimate.RoleEstimate role(CallEstimate estimate, ModelRole role, String model, Prices prices,
			List<String> notes) {
		CallEstimate.Calls calls = estimate.calls().get(role);
		Prices.Price price = prices.of(model);
		if (price == null) {
			notes.add("No price for model `" + model + "` (" + role.name().toLowerCase(java.util.Locale.ROOT)
					+ " role): set mipro.pricing." + model + ".input-per-mtok and output-per-mtok to get its cost.");
		}
		return new JobEstimate.RoleEstimate(model, calls.expected(), calls.worst(), calls.expectedInputTokens(),
				calls.expectedOutputTokens(), calls.worstInputTokens(), calls.worstOutputTokens(),
				price == null ? null : round(price.cost(calls.expectedInputTokens(), calls.expectedOutputTokens())),
				price == null ? null : round(price.cost(calls.worstInputTokens(), calls.worstOutputTokens())));
	}

	private static double round(double usd) {
		return Math.round(usd * 1e6) / 1e6;
	}

}
