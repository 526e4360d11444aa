package io.mipro.job.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.mipro.job.IllegalJobTransitionException;
import io.mipro.job.JobStatus;
import io.mipro.optimizer.spi.Usage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.springframework.data.domain.Persistable;

/**
 * A job's row. Status changes go through intent-named methods and the {@link JobStatus} transition table; the
 * version makes a cancel from the API and an update from the runner conflict instead of overwriting each other.
 */
@Entity
@Table(name = "job")
public class JobEntity implements Persistable<UUID> {

	@Id
	private UUID id;

	private String name;

	@Enumerated(EnumType.STRING)
	private JobStatus status;

	private String phase;

	@Column(name = "train_dataset_id")
	private UUID trainDatasetId;

	@Column(name = "dev_dataset_id")
	private UUID devDatasetId;

	@Column(name = "test_dataset_id")
	private UUID testDatasetId;

	private String request;

	private String provider;

	/** {@link #OPTIMIZATION} or {@link #EVALUATION}: both are claimed, leased and resumed by the same runner. */
	private String kind;

	/** The program an evaluation runs, or a stage-2 optimization starts from. */
	@Column(name = "program_id")
	private UUID programId;

	/** A job starting from a stored program: that program (DSPy JSON) as it was at submit. */
	@Column(name = "start_program")
	private String startProgram;

	/** The job that made the program this job starts from, if a job did. */
	@Column(name = "origin_job_id")
	private UUID originJobId;

	@Column(name = "completed_trials")
	private int completedTrials;

	@Column(name = "total_trials")
	private int totalTrials;

	@Column(name = "full_evaluations")
	private int fullEvaluations;

	@Column(name = "baseline_score")
	private Double baselineScore;

	@Column(name = "best_score")
	private Double bestScore;

	@Column(name = "best_trial")
	private Integer bestTrial;

	@Column(name = "baseline_test_score")
	private Double baselineTestScore;

	@Column(name = "test_score")
	private Double testScore;

	@Column(name = "prompt_model_calls")
	private long promptModelCalls;

	@Column(name = "task_model_calls")
	private long taskModelCalls;

	@Column(name = "judge_model_calls")
	private long judgeModelCalls;

	@Column(name = "cost_usd")
	private double costUsd;

	@Column(name = "unpriced_calls")
	private long unpricedCalls;

	@Column(name = "cached_calls")
	private long cachedCalls;

	@Column(name = "input_tokens")
	private long inputTokens;

	@Column(name = "output_tokens")
	private long outputTokens;

	@Column(name = "retried_calls")
	private long retriedCalls;

	private long retrievals;

	/** What the job view says about each predictor (JSON): name, module, and the best instruction so far. */
	private String predictors;

	/** What the strategy decided, in words (JSON list of strings). */
	private String decisions;

	/** How the train set was split when no dev set was given (JSON), else null. */
	@Column(name = "data_split")
	private String dataSplit;

	private String checkpoint;

	private String error;

	@Column(name = "stop_reason")
	private String stopReason;

	@Column(name = "cancel_requested")
	private boolean cancelRequested;

	private String owner;

	/** Written only by {@link JobLeases}, with the database's clock. */
	@Column(name = "lease_until", insertable = false, updatable = false)
	private Instant leaseUntil;

	private int attempt;

	@Version
	private long version;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	@Transient
	private boolean isNew;

	/** An optimization job (the default kind). */
	public static final String OPTIMIZATION = "optimization";

	/** An evaluation run of a stored program on a dataset. */
	public static final String EVALUATION = "evaluation";

	protected JobEntity() {
	}

	public static JobEntity queued(String name, UUID train, UUID dev, UUID test, String request, String provider,
			int totalTrials) {
		JobEntity job = new JobEntity();
		job.id = UUID.randomUUID();
		job.name = name;
		job.status = JobStatus.QUEUED;
		job.trainDatasetId = train;
		job.devDatasetId = dev;
		job.testDatasetId = test;
		job.request = request;
		job.provider = provider;
		job.totalTrials = totalTrials;
		job.kind = OPTIMIZATION;
		job.createdAt = now();
		job.isNew = true;
		return job;
	}

	/** A queued row of another kind, or one that starts from (or runs) a stored program. */
	public static JobEntity queued(String kind, UUID programId, String name, UUID train, UUID dev, UUID test,
			String request, String provider, int totalTrials) {
		JobEntity job = queued(name, train, dev, test, request, provider, totalTrials);
		job.kind = kind;
		job.programId = programId;
		return job;
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	private void moveTo(JobStatus to) {
		if (!status.canMoveTo(to)) {
			throw new IllegalJobTransitionException(status, to);
		}
		status = to;
	}

	/** Claimed by an instance: runs under its lease (which {@link JobLeases} starts). */
	public void start(String instance, Instant now) {
		moveTo(JobStatus.RUNNING);
		owner = instance;
		attempt++;
		if (startedAt == null) {
			startedAt = now.truncatedTo(ChronoUnit.MICROS);
		}
	}

	/** Back to the queue (lease expired, or the instance is shutting down); resumes from its last checkpoint. */
	public void requeue() {
		moveTo(JobStatus.QUEUED);
		owner = null;
	}

	/** A failed job goes back to the queue; it continues from its last checkpoint, paying nothing twice. */
	public void resume() {
		moveTo(JobStatus.QUEUED);
		error = null;
		finishedAt = null;
		cancelRequested = false;
	}

	public void succeed() {
		moveTo(JobStatus.SUCCEEDED);
		finish();
	}

	public void fail(String message) {
		moveTo(JobStatus.FAILED);
		error = message;
		finish();
	}

	/** Cancels a queued job now; a running one is asked to stop after its current step. */
	public void cancel() {
		if (status == JobStatus.RUNNING) {
			cancelRequested = true;
			return;
		}
		moveTo(JobStatus.CANCELLED);
		finish();
	}

	/** The runner confirms a requested cancellation once the current step has ended. */
	public void cancelled() {
		moveTo(JobStatus.CANCELLED);
		finish();
	}

	private void finish() {
		finishedAt = now();
		owner = null;
	}

	/** Records progress after a step. */
	public void progress(String phase, int completedTrials, int fullEvaluations, Double baselineScore,
			Double bestScore, Integer bestTrial, Double baselineTestScore, Double testScore, Usage usage,
			long retries, String checkpoint, String stopReason) {
		this.phase = phase;
		this.completedTrials = completedTrials;
		this.fullEvaluations = fullEvaluations;
		this.baselineScore = baselineScore;
		this.bestScore = bestScore;
		this.bestTrial = bestTrial;
		this.baselineTestScore = baselineTestScore;
		this.testScore = testScore;
		recordUsage(usage, retries);
		this.checkpoint = checkpoint;
		this.stopReason = stopReason;
	}

	/** Usage as the provider saw it, also when the job ends between two checkpoints (a failure mid-step). */
	public void recordUsage(Usage usage, long retries) {
		this.promptModelCalls = usage.promptModelCalls();
		this.taskModelCalls = usage.taskModelCalls();
		this.judgeModelCalls = usage.judgeModelCalls();
		this.costUsd = usage.costUsd();
		this.unpricedCalls = usage.unpricedCalls();
		this.cachedCalls = usage.cachedCalls();
		this.inputTokens = usage.inputTokens();
		this.outputTokens = usage.outputTokens();
		this.retrievals = usage.retrievals();
		this.retriedCalls = retries;
	}

	public void describePredictors(String json) {
		this.predictors = json;
	}

	public String getPredictors() {
		return predictors;
	}

	public void recordSplit(String json) {
		this.dataSplit = json;
	}

	public String getDataSplit() {
		return dataSplit;
	}

	public String getDecisions() {
		return decisions;
	}

	public void recordDecisions(String json) {
		this.decisions = json;
	}

	/** An evaluation run's progress after a batch of examples: how many are scored, and the usage so far. */
	public void evaluationProgress(int evaluated, Usage usage, long retries) {
		this.phase = "EVALUATING";
		this.completedTrials = evaluated;
		recordUsage(usage, retries);
	}

	/** An evaluation run scored every example: its score (a percentage, as jobs' scores). */
	public void evaluated(double score) {
		this.phase = "DONE";
		this.bestScore = score;
		succeed();
	}

	/** Once the run is done, the trials it ran are all there will be (the plan was an estimate). */
	public void settleTotalTrials() {
		this.totalTrials = this.completedTrials;
	}

	@Override
	public UUID getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	public String getName() {
		return name;
	}

	public JobStatus getStatus() {
		return status;
	}

	public String getPhase() {
		return phase;
	}

	public UUID getTrainDatasetId() {
		return trainDatasetId;
	}

	public UUID getDevDatasetId() {
		return devDatasetId;
	}

	public UUID getTestDatasetId() {
		return testDatasetId;
	}

	public String getRequest() {
		return request;
	}

	public String getKind() {
		return kind;
	}

	public UUID getProgramId() {
		return programId;
	}

	public String getStartProgram() {
		return startProgram;
	}

	public UUID getOriginJobId() {
		return originJobId;
	}

	/** Records the stored program this job starts from (at submit), and the job that program came from. */
	public void startFrom(UUID programId, UUID originJobId, String startProgram) {
		this.programId = programId;
		this.originJobId = originJobId;
		this.startProgram = startProgram;
	}

	public boolean isEvaluation() {
		return EVALUATION.equals(kind);
	}

	public String getProvider() {
		return provider;
	}

	public int getCompletedTrials() {
		return completedTrials;
	}

	public int getTotalTrials() {
		return totalTrials;
	}

	public int getFullEvaluations() {
		return fullEvaluations;
	}

	public Double getBaselineScore() {
		return baselineScore;
	}

	public Double getBestScore() {
		return bestScore;
	}

	public Integer getBestTrial() {
		return bestTrial;
	}

	public Double getBaselineTestScore() {
		return baselineTestScore;
	}

	public Double getTestScore() {
		return testScore;
	}

	public Usage getUsage() {
		return new Usage(promptModelCalls, taskModelCalls, cachedCalls, inputTokens, outputTokens, retrievals,
				judgeModelCalls, costUsd, unpricedCalls);
	}

	public long getRetriedCalls() {
		return retriedCalls;
	}

	public String getCheckpoint() {
		return checkpoint;
	}

	public String getError() {
		return error;
	}

	public String getStopReason() {
		return stopReason;
	}

	public boolean isCancelRequested() {
		return cancelRequested;
	}

	public String getOwner() {
		return owner;
	}

	public Instant getLeaseUntil() {
		return leaseUntil;
	}

	public int getAttempt() {
		return attempt;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public Instant getFinishedAt() {
		return finishedAt;
	}

}
