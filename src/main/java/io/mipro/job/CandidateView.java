package io.mipro.job;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** An instruction candidate with what the search learned about it. */
@Schema(description = "An instruction candidate")
public record CandidateView(
		@Schema(description = "The predictor's position among the predictors", example = "0") int predictor,
		@Schema(description = "The predictor's module name", example = "find") String predictorName, int index,
		String instruction,
		@Schema(description = "0 for the original instruction and the first proposal round") int round,
		@Schema(description = "The prompting tip its proposal drew; null for the original") String tip,
		Double temperature, boolean original,
		@Schema(description = "Mean score of the minibatch trials that used it") Double meanMinibatchScore,
		int minibatchTrials,
		@Schema(description = "Full-validation scores of the combinations that used it") List<Double> fullScores) {
}
