package io.mipro.evaluation;

import java.util.UUID;

import io.mipro.job.JobRequest;
import io.mipro.job.MetricSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/** A stored program to score on a dataset. */
@Schema(description = "An evaluation run: a stored program scored on every example of a dataset")
public record EvaluationRequest(
		@Schema(description = "The program to run", requiredMode = Schema.RequiredMode.REQUIRED) UUID programId,
		@Schema(description = "The dataset to score it on; it needs the fields the program reads and the ones it "
				+ "outputs", requiredMode = Schema.RequiredMode.REQUIRED) UUID datasetId,
		@Schema(description = "The metric, as a job takes it: a name (exact_match, f1, contains, numeric, or a custom "
				+ "metric's) or an object such as an llm_judge (whose judge model defaults to the run's task model)",
				example = "exact_match", defaultValue = "exact_match") MetricSpec metric,
		@Schema(description = "Run with this model instead of the program's") JobRequest.ModelSpec taskModel,
		@Schema(description = "A name for the run; default `evaluation of <program>`") String name) {
}
