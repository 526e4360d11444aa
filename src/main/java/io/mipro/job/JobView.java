package io.mipro.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job as its users see it. Scores are percentages in [0, 100]; {@code bestScore} is always a full-validation score
 * (minibatch scores never count as best).
 */
@Schema(description = "An optimization job")
public record JobView(UUID id, String name,
		@Schema(example = "RUNNING") JobStatus status,
		@Schema(description = "BOOTSTRAPPING, PROPOSING, SEARCHING, FINALIZING or DONE", example = "SEARCHING") String phase,
		Progress progress,
		@Schema(description = "The unoptimized program on the validation set", example = "0.0") Double baselineScore,
		@Schema(description = "The best full-validation score so far", example = "30.0") Double bestScore,
		@Schema(description = "The trial that scored bestScore", example = "7") Integer bestFullEvalTrial,
		@Schema(description = "Baseline on the test set, when one was given") Double baselineTestScore,
		@Schema(description = "Optimized program on the test set, when one was given") Double testScore,
		LmUsage lmUsage,
		@Schema(description = "The program's predictors, each with the instruction and demo set of the best program so far") List<PredictorView> predictors,
		@Schema(description = "reference or adaptive", example = "adaptive") String strategy,
		@Schema(description = "What the strategy decided and why, in words (e.g. which screened instructions joined the search)") List<String> decisions,
		@Schema(description = "openai or simulated", example = "simulated") String provider,
		@Schema(description = "True when the simulated model produced these scores") boolean simulated,
		@Schema(description = "What the scores mean when the simulated model is in use") String notice,
		@Schema(description = "Why the job ended before its planned trials (a budget), if it did") String stopReason,
		@Schema(description = "Why the job failed") String error,
		UUID trainDatasetId,
		@Schema(description = "Null when the validation set was split from the train set (see split)") UUID devDatasetId,
		UUID testDatasetId,
		@Schema(description = "How the train set was split into train and validation parts, when no devDatasetId "
				+ "was given; null otherwise") Split split,
		Instant createdAt, Instant startedAt, Instant finishedAt,
		@Schema(description = "The registered program this job started from (multi-stage optimization)") UUID fromProgramId,
		@Schema(description = "The job that made that program, if a job did") UUID originJobId,
		@Schema(description = "The model that ran the bootstrapping, when it is not the task model") JobRequest.ModelSpec teacherModel) {

	/**
	 * A train set split into train and validation parts: positions drawn with the job's seed, so the same seed and
	 * data always give the same split.
	 */
	@Schema(description = "The split of the train dataset into train and validation parts")
	public record Split(@Schema(description = "The dataset that was split") UUID datasetId,
			@Schema(description = "The seed the positions were drawn with (the job's)", example = "9") long seed,
			@Schema(description = "Examples kept for bootstrapping and the proposer", example = "10") int trainSize,
			@Schema(description = "Examples that score candidates", example = "40") int devSize,
			@Schema(description = "The validation share: min(1000, floor(0.8 n)) examples", example = "0.8") double devFraction) {
	}

	/** Trials done of those planned (baseline and full evaluations included). */
	public record Progress(@Schema(example = "5") int completedTrials, @Schema(example = "13") int totalTrials,
			@Schema(description = "Periodic full evaluations done", example = "1") int fullEvaluations) {
	}

	/**
	 * Requests actually sent to the provider per model (retries included), requests answered from the response
	 * cache (in neither count), and tokens.
	 */
	public record LmUsage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens,
			long outputTokens, @Schema(description = "Sent requests that were retries") long retriedCalls,
			@Schema(description = "Corpus searches by retrieve modules (not model calls)") long retrievals,
			@Schema(description = "Requests sent to the judge model of an llm_judge or semantic_f1 metric (retries "
					+ "included; cached verdicts are in cachedCalls)") long judgeModelCalls,
			@Schema(description = "What the answered calls cost so far in US dollars at the configured prices "
					+ "(mipro.pricing); null when none of them had a price. With the simulated model: what those "
					+ "tokens would cost", example = "0.0123") Double costUsd,
			@Schema(description = "Answered calls whose model has no configured price, so costUsd leaves them out")
			long unpricedCalls) {
	}

}
