package io.mipro.job.internal;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.mipro.artifact.DspyArtifact;
import io.mipro.artifact.DspyProgramReader;
import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.JobRequest;
import io.mipro.llm.CachingLanguageModel;
import io.mipro.llm.LlmProperties;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.PriceTable;
import io.mipro.llm.ResponseCache;
import io.mipro.llm.UsageCounter;
import io.mipro.metric.MetricCatalog;
import io.mipro.optimizer.ConfigurationException;
import io.mipro.optimizer.DataSplit;
import io.mipro.optimizer.MiproConfig;
import io.mipro.optimizer.MiproOptimizer;
import io.mipro.optimizer.OptimizationListener;
import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.LanguageModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed job on the bounded job executor: restores its state (or starts it), drives the optimizer with a
 * checkpoint after every step, and ends it through one classified error path, so the job is always left terminal,
 * or queued for resumption.
 */
@Component
public class JobExecution {

	private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

	/** How often an end is re-applied after conflicting with a concurrent change (a cancel request). */
	private static final int END_RETRIES = 5;

	private static final tools.jackson.core.type.TypeReference<Map<String, Object>> STORED_PROGRAM =
			new tools.jackson.core.type.TypeReference<>() {
			};

	private final JobRepository jobs;

	private final JobRecords records;

	private final Datasets datasets;

	private final ModelProvider provider;

	private final ResponseCache cache;

	private final LlmProperties llm;

	private final JobsProperties properties;

	private final ExecutorService evaluationExecutor;

	private final CorpusRetrieval corpusRetrieval;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final JobLeases leases;

	private final EvaluationExecution evaluations;

	private final MetricCatalog metrics;

	private final PriceTable prices;

	public JobExecution(JobRepository jobs, JobRecords records, Datasets datasets, ModelProvider provider,
			ResponseCache cache, LlmProperties llm, JobsProperties properties, ExecutorService evaluationExecutor,
			CorpusRetrieval corpusRetrieval, TransactionTemplate transactions, JsonMapper json, JobLeases leases,
			EvaluationExecution evaluations, MetricCatalog metrics, PriceTable prices) {
		this.metrics = metrics;
		this.prices = prices;
		this.jobs = jobs;
		this.records = records;
		this.datasets = datasets;
		this.provider = provider;
		this.cache = cache;
		this.llm = llm;
		this.properties = properties;
		this.evaluationExecutor = evaluationExecutor;
		this.corpusRetrieval = corpusRetrieval;
		this.transactions = transactions;
		this.json = json;
		this.leases = leases;
		this.evaluations = evaluations;
	}

	/** Runs the job to its end, or until it is cancelled, the runner stops or the lease is lost. */
	@Async("jobExecutor")
	public void run(RunningJob execution, JobRunner runner) {
		UUID jobId = execution.jobId();
		MDC.put("jobId", jobId.toString());
		AtomicReference<UsageCounter> usage = new AtomicReference<>();
		try {
			execute(execution, runner, usage);
		}
		catch (LeaseLostException lost) {
			log.warn("Stopped job {} (attempt {}) without writing: {}", jobId, execution.attempt(), lost.getMessage());
		}
		catch (LanguageModelException ex) {
			log.error("Job {} failed: the model provider failed for good", jobId, ex);
			failOrRequeue(execution, runner, usage.get(),
					"The model provider failed after its retries: " + ex.getMessage());
		}
		catch (OptimizerException | ConfigurationException ex) {
			log.error("Job {} failed: {}", jobId, ex.getMessage());
			end(execution, withUsage(usage.get(), job -> job.fail(ex.getMessage())), "failed", Map.of());
		}
		catch (RuntimeException ex) {
			log.error("Job {} failed with an unexpected error", jobId, ex);
			failOrRequeue(execution, runner, usage.get(), "Internal error: " + ex);
		}
		finally {
			runner.done(execution);
			MDC.remove("jobId");
		}
	}

	private void execute(RunningJob execution, JobRunner runner, AtomicReference<UsageCounter> usageHolder) {
		UUID jobId = execution.jobId();
		JobEntity job = jobs.findById(jobId).orElseThrow(() -> new LeaseLostException(jobId));
		if (!provider.name().equals(job.getProvider())) {
			// claims are filtered by provider, so this is a job another instance kind should run: leave it to them
			end(execution, JobEntity::requeue, "requeued", Map.of("reason", "needs provider " + job.getProvider()));
			return;
		}
		if (job.isEvaluation()) {
			evaluations.execute(execution, runner, job, this, usageHolder);
			return;
		}
		JobRequest request = json.readValue(job.getRequest(), JobRequest.class);
		Program program = JobPlanner.program(request);
		if (job.getStartProgram() != null) {
			// a stage-2 job: the registered program's instructions and demos, as they were at submit
			program = DspyProgramReader.read(program, json.readValue(job.getStartProgram(), STORED_PROGRAM));
		}
		MiproConfig config = JobPlanner.config(request);
		// the job row is the one record of usage: the view shows it, and a resumed run's budget starts from it
		UsageCounter usage = new UsageCounter(job.getUsage(), job.getRetriedCalls());
		usageHolder.set(usage);
		LanguageModel model = new LeaseGuardedModel(
				new CachingLanguageModel(provider, llm.cache() ? cache : null, usage, json), execution);
		List<Example> test = request.testDatasetId() == null ? List.of() : examples(request.testDatasetId());
		List<Example> train = examples(request.trainDatasetId());
		List<Example> dev;
		if (request.devDatasetId() == null) {
			DataSplit split = DataSplit.of(train.size(), config.seed());
			dev = split.devOf(train);
			train = split.trainOf(train);
		}
		else {
			dev = examples(request.devDatasetId());
		}
		MiproOptimizer optimizer = new MiproOptimizer(config, program, JobPlanner.metric(request, metrics), train,
				dev, test, model, corpusRetrieval.of(program, usage), prices, evaluationExecutor, InstantSource.system());
		OptimizationState state = job.getCheckpoint() == null ? optimizer.initialState()
				: json.readValue(job.getCheckpoint(), Checkpoint.class)
					.restore(records.demoSets(jobId), records.candidates(jobId), records.trials(jobId), program.size(),
							job.getUsage());
		if (job.getCheckpoint() != null) {
			log.info("Resuming job {} at {} with {} trials done (attempt {})", jobId, state.phase(),
					state.trials().size(), job.getAttempt());
		}
		JobCheckpointStore store = new JobCheckpointStore(execution, jobs, records, leases, transactions, json, usage,
				program, state);
		OptimizationState end = optimizer.run(state, store, OptimizationListener.NONE,
				() -> execution.lost() || runner.isStopping() || jobs.cancelRequested(jobId).orElse(true));
		execution.checkLease();
		if (end.isDone()) {
			String artifact = artifact(jobId, request, optimizer, end, job);
			end(execution, entity -> {
				records.saveArtifact(jobId, artifact);
				entity.succeed();
			}, "succeeded", Map.of());
			log.info("Job {} succeeded: baseline {} -> best {}", jobId, end.trials().get(0).score(),
					MiproOptimizer.best(end).score());
		}
		else if (runner.isStopping()) {
			end(execution, JobEntity::requeue, "requeued", Map.of());
			log.info("Job {} requeued: this instance is stopping; it resumes from its last step", jobId);
		}
		else {
			end(execution, JobEntity::cancelled, "cancelled", Map.of());
			log.info("Job {} cancelled", jobId);
		}
	}

	/**
	 * A failure while this instance is stopping is most likely the stop itself (interrupted calls), so the job goes
	 * back to the queue and resumes from its last step; otherwise it fails with the message.
	 */
	private void failOrRequeue(RunningJob execution, JobRunner runner, UsageCounter usage, String message) {
		if (runner.isStopping()) {
			log.info("Job {} requeued: it was interrupted by this instance stopping", execution.jobId());
			end(execution, withUsage(usage, JobEntity::requeue), "requeued", Map.of());
		}
		else {
			end(execution, withUsage(usage, job -> job.fail(message)), "failed", Map.of());
		}
	}

	/** Records the calls made since the last checkpoint too, so the view counts every request sent. */
	private static Consumer<JobEntity> withUsage(UsageCounter usage, Consumer<JobEntity> change) {
		return job -> {
			if (usage != null) {
				job.recordUsage(usage.usage(), usage.retries());
			}
			change.accept(job);
		};
	}

	private List<Example> examples(UUID datasetId) {
		return datasets.allExamples(datasetId).stream().map(Example::new).toList();
	}

	/**
	 * Applies a final transition if this execution still owns the job, with a status event. A cancel request that
	 * bumps the row's version in between makes the write conflict; the transition is then applied again to the fresh
	 * row (a finished job stays finished: the cancel came too late), never turned into an internal error. A lost
	 * execution writes nothing.
	 */
	void end(RunningJob execution, Consumer<JobEntity> change, String type, Map<String, Object> extra) {
		for (int attempt = 1;; attempt++) {
			if (execution.lost()) {
				log.warn("Job {} (attempt {}) lost its lease; its end ({}) is not written", execution.jobId(),
						execution.attempt(), type);
				return;
			}
			try {
				transactions.executeWithoutResult(status -> {
					JobEntity job = jobs.findById(execution.jobId()).orElse(null);
					if (!execution.owns(job)) {
						return;
					}
					change.accept(job);
					jobs.saveAndFlush(job);
					leases.clear(job.getId());
					Map<String, Object> data = new HashMap<>(extra);
					data.put("status", job.getStatus());
					if (job.getError() != null) {
						data.put("error", job.getError());
					}
					records.insertEvent(job.getId(), "status", data);
				});
				return;
			}
			catch (ObjectOptimisticLockingFailureException raced) {
				if (attempt >= END_RETRIES) {
					throw raced;
				}
				log.debug("Job {} changed while ending ({}); applying the end again", execution.jobId(), type);
			}
		}
	}

	private String artifact(UUID jobId, JobRequest request, MiproOptimizer optimizer, OptimizationState end,
			JobEntity job) {
		Trial best = MiproOptimizer.best(end);
		Map<String, Object> provenance = new java.util.LinkedHashMap<>();
		provenance.put("job_id", jobId.toString());
		provenance.put("job_name", job.getName());
		provenance.put("created_at", job.getCreatedAt().toString());
		provenance.put("finished_at", java.time.Instant.now().toString());
		provenance.put("provider", provider.name());
		provenance.put("simulated", provider.simulated());
		if (provider.simulated()) {
			provenance.put("notice", io.mipro.llm.simulated.SimulatedLanguageModel.NOTICE);
		}
		Map<String, Object> data = new java.util.LinkedHashMap<>();
		data.put("train", dataset(request.trainDatasetId()));
		if (request.devDatasetId() != null) {
			data.put("dev", dataset(request.devDatasetId()));
		}
		else {
			// the validation part of the train set: which positions, by the seed, in what shares
			Map<String, Object> split = new java.util.LinkedHashMap<>(json.readValue(job.getDataSplit(), Map.class));
			split.put("rule", "positions drawn with the seed; min(" + DataSplit.MAX_DEV + ", floor("
					+ DataSplit.DEV_FRACTION + " n)) validate, the rest train");
			data.put("split", split);
		}
		if (request.testDatasetId() != null) {
			data.put("test", dataset(request.testDatasetId()));
		}
		provenance.put("datasets", data);
		provenance.put("request", json.convertValue(request, Map.class));
		if (job.getProgramId() != null) {
			// where a stage-2 program came from: the registered program it started from, and that program's job
			Map<String, Object> origin = new java.util.LinkedHashMap<>();
			origin.put("program_id", job.getProgramId().toString());
			origin.put("job_id", job.getOriginJobId() == null ? null : job.getOriginJobId().toString());
			provenance.put("origin", origin);
		}
		provenance.put("teacher_model", request.teacherModel() == null ? null
				: json.convertValue(request.teacherModel(), Map.class));
		Map<String, Object> scores = new java.util.LinkedHashMap<>();
		scores.put("metric", request.metric());
		scores.put("baseline", end.trials().get(0).score());
		scores.put("best", best.score());
		scores.put("best_trial", best.number());
		scores.put("best_params", best.params());
		scores.put("baseline_test", end.baselineTestScore());
		scores.put("test", end.bestTestScore());
		scores.put("trials", end.trials().size());
		provenance.put("scores", scores);
		provenance.put("predictors", PredictorSummary.of(optimizer.bestProgram(end), end));
		provenance.put("strategy", request.optimizer().strategy());
		// the decisions were recorded while the job ran: read them from the row as it is now
		String decisions = jobs.findById(jobId).map(JobEntity::getDecisions).orElse(null);
		provenance.put("decisions", decisions == null ? List.of() : List.of(json.readValue(decisions, String[].class)));
		provenance.put("stop_reason", end.stopReason());
		return DspyArtifact.toJson(DspyArtifact.of(optimizer.bestProgram(end), provenance), json);
	}

	private Map<String, Object> dataset(UUID id) {
		Map<String, Object> info = new java.util.LinkedHashMap<>();
		info.put("id", id.toString());
		datasets.find(id).ifPresent(view -> describe(info, view));
		return info;
	}

	private static void describe(Map<String, Object> info, DatasetView view) {
		info.put("name", view.name());
		info.put("size", view.size());
		info.put("content_hash", view.contentHash());
	}

}
