package io.mipro.evaluation;

import java.util.UUID;

import io.mipro.job.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** A stored program to score on a dataset. */
@Schema(description = "An evaluation run: a stored program scored on every example of a dataset")
public record EvaluationRequest(
		@Schema(description = "The program to run", requiredMode = Schema.RequiredMode.REQUIRED) UUID programId,
		@Schema(description = "The dataset to score it on; it needs the fields the program reads and the ones it "
				+ "outputs", requiredMode = Schema.RequiredMode.REQUIRED) UUID datasetId,
		@Schema(description = "The metric, as jobs name it (exact_match, f1, contains or numeric)",
				example = "exact_match", defaultValue = "exact_match") String metric,
		@Schema(description = "Run with this model instead of the program's") JobRequest.ModelSpec taskModel,
		@Schema(description = "A name for the run; default `evaluation of <program>`") String name) {
}
