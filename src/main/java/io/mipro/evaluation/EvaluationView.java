package io.mipro.evaluation;

import java.time.Instant;
import java.util.UUID;

import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.MetricSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/** An evaluation run as its users see it: where it stands and, once done, the aggregate. */
@Schema(description = "An evaluation run")
public record EvaluationView(UUID id, String name,
		@Schema(example = "RUNNING") JobStatus status,
		UUID programId, UUID datasetId,
		@Schema(description = "The metric: a name, or the metric object as normalized", example = "exact_match") MetricSpec metric,
		@Schema(example = "gpt-4o-mini") String taskModel,
		@Schema(description = "Examples scored so far", example = "40") int evaluated,
		@Schema(description = "Examples in the dataset", example = "100") int total,
		@Schema(description = "The program's score, a percentage like jobs' scores, once every example is scored",
				example = "42.5") Double score,
		@Schema(description = "Answers that could not be parsed (each scored 0) so far") int parseFailures,
		JobView.LmUsage lmUsage,
		@Schema(description = "openai or simulated", example = "simulated") String provider,
		@Schema(description = "True when the simulated model produced the score") boolean simulated,
		@Schema(description = "What the score means when the simulated model is in use") String notice,
		@Schema(description = "Why the run failed") String error,
		Instant createdAt, Instant startedAt, Instant finishedAt) {
}
