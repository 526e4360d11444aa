package io.mipro.job;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a job would cost, computed from its request and its data without calling any model: the planned steps, and
 * per model role the provider calls, tokens and money, expected and worst case.
 */
@Schema(description = "The cost of a job before it runs: planned steps, calls, tokens and money per model role")
public record JobEstimate(Planned planned, RoleEstimate prompt, RoleEstimate task, RoleEstimate judge,
		@Schema(description = "Expected calls of all roles", example = "412") long expectedCalls,
		@Schema(description = "Worst-case calls of all roles", example = "1730") long worstCaseCalls,
		@Schema(description = "Expected cost in US dollars; null when a model has no price", example = "0.041") Double expectedCostUsd,
		@Schema(description = "Worst-case cost in US dollars; null when a model has no price", example = "0.17") Double worstCaseCostUsd,
		@Schema(description = "What the numbers assume, and prices that are missing") List<String> notes) {

	/** The steps the optimizer plans. */
	@Schema(description = "The steps the optimizer plans")
	public record Planned(@Schema(description = "Candidate demo sets per predictor", example = "6") int demoSets,
			@Schema(description = "Demo sets built by bootstrapping (the task model runs training examples)", example = "4") int bootstrappedDemoSets,
			@Schema(description = "Instruction proposals (prompt model)", example = "2") int proposals,
			@Schema(description = "Screening trials of the adaptive strategy", example = "0") int screeningTrials,
			@Schema(description = "Search trials after the baseline", example = "10") int trials,
			@Schema(description = "Periodic full evaluations (minibatch search only)", example = "2") int fullEvaluations,
			@Schema(description = "Examples in the validation set", example = "100") int valsetSize,
			@Schema(description = "Whether trials score minibatches") boolean minibatch,
			@Schema(description = "Examples per trial", example = "35") int trialBatchSize,
			@Schema(description = "Evaluations on the test set (baseline and best)", example = "2") int testEvaluations) {
	}

	/** One model role. */
	@Schema(description = "Calls, tokens and cost of one model role")
	public record RoleEstimate(@Schema(description = "The model", example = "gpt-4o-mini") String model,
			@Schema(example = "300") long expectedCalls, @Schema(example = "900") long worstCaseCalls,
			@Schema(example = "180000") long expectedInputTokens, @Schema(example = "9000") long expectedOutputTokens,
			@Schema(example = "540000") long worstCaseInputTokens, @Schema(example = "27000") long worstCaseOutputTokens,
			@Schema(description = "Null when the model has no price", example = "0.032") Double expectedCostUsd,
			@Schema(description = "Null when the model has no price", example = "0.097") Double worstCaseCostUsd) {
	}

}
