package io.mipro.job.internal;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.mipro.artifact.DspyArtifact;
import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.llm.CachingLanguageModel;
import io.mipro.llm.LlmProperties;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.ResponseCache;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.ConfigurationException;
import io.mipro.optimizer.MiproConfig;
import io.mipro.optimizer.MiproOptimizer;
import io.mipro.optimizer.OptimizationListener;
import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Retriever;
import io.mipro.optimizer.spi.Retrieval;
import io.mipro.retrieval.CorpusIndexes;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.spi.LanguageModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

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

	private final JobRepository jobs;

	private final JobRecords records;

	private final Datasets datasets;

	private final ModelProvider provider;

	private final ResponseCache cache;

	private final LlmProperties llm;

	private final JobsProperties properties;

	private final ExecutorService evaluationExecutor;

	private final CorpusIndexes corpusIndexes;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	public JobExecution(JobRepository jobs, JobRecords records, Datasets datasets, ModelProvider provider,
			ResponseCache cache, LlmProperties llm, JobsProperties properties, ExecutorService evaluationExecutor,
			CorpusIndexes corpusIndexes, TransactionTemplate transactions, JsonMapper json) {
		this.jobs = jobs;
		this.records = records;
		this.datasets = datasets;
		this.provider = provider;
		this.cache = cache;
		this.llm = llm;
		this.properties = properties;
		this.evaluationExecutor = evaluationExecutor;
		this.corpusIndexes = corpusIndexes;
		this.transactions = transactions;
		this.json = json;
	}

	/** Runs the job to its end, or until it is cancelled or the runner stops; {@code done} runs in every case. */
	@Async("jobExecutor")
	public void run(UUID jobId, String owner, JobRunner runner) {
		MDC.put("jobId", jobId.toString());
		AtomicReference<UsageCounter> usage = new AtomicReference<>();
		try {
			execute(jobId, owner, runner, usage);
		}
		catch (LeaseLostException lost) {
			log.warn("Stopped job {}: {}", jobId, lost.getMessage());
		}
		catch (LanguageModelException ex) {
			log.error("Job {} failed: the model provider failed for good", jobId, ex);
			failOrRequeue(jobId, owner, runner, usage.get(),
					"The model provider failed after its retries: " + ex.getMessage());
		}
		catch (OptimizerException | ConfigurationException ex) {
			log.error("Job {} failed: {}", jobId, ex.getMessage());
			end(jobId, owner, withUsage(usage.get(), job -> job.fail(ex.getMessage())), "failed");
		}
		catch (RuntimeException ex) {
			log.error("Job {} failed with an unexpected error", jobId, ex);
			failOrRequeue(jobId, owner, runner, usage.get(), "Internal error: " + ex);
		}
		finally {
			runner.done(jobId);
			MDC.remove("jobId");
		}
	}

	private void execute(UUID jobId, String owner, JobRunner runner, AtomicReference<UsageCounter> usageHolder) {
		JobEntity job = jobs.findById(jobId).orElseThrow(() -> new LeaseLostException(jobId));
		if (!provider.name().equals(job.getProvider())) {
			throw new OptimizerException("The job was created for the `" + job.getProvider()
					+ "` model provider, but this instance uses `" + provider.name() + "`.");
		}
		JobRequest request = json.readValue(job.getRequest(), JobRequest.class);
		Program program = JobPlanner.program(request);
		MiproConfig config = JobPlanner.config(request);
		UsageCounter usage = new UsageCounter(job.getUsage(), job.getRetriedCalls());
		usageHolder.set(usage);
		CachingLanguageModel model = new CachingLanguageModel(provider, llm.cache() ? cache : null, usage, json);
		List<Example> test = request.testDatasetId() == null ? List.of() : examples(request.testDatasetId());
		MiproOptimizer optimizer = new MiproOptimizer(config, program, JobPlanner.metric(request),
				examples(request.trainDatasetId()), examples(request.devDatasetId()), test, model,
				retrieval(program, usage), evaluationExecutor, InstantSource.system());
		OptimizationState state = job.getCheckpoint() == null ? optimizer.initialState()
				: json.readValue(job.getCheckpoint(), Checkpoint.class)
					.restore(records.demoSets(jobId), records.candidates(jobId), records.trials(jobId), program.size());
		if (job.getCheckpoint() != null) {
			log.info("Resuming job {} at {} with {} trials done (attempt {})", jobId, state.phase(),
					state.trials().size(), job.getAttempt());
		}
		JobCheckpointStore store = new JobCheckpointStore(jobId, owner, jobs, records, transactions, json, usage,
				properties.leaseDuration(), program, state);
		OptimizationState end = optimizer.run(state, store, OptimizationListener.NONE,
				() -> runner.isStopping() || jobs.cancelRequested(jobId).orElse(true));
		if (end.isDone()) {
			String artifact = artifact(jobId, request, optimizer, end, job);
			end(jobId, owner, entity -> {
				records.saveArtifact(jobId, artifact);
				entity.succeed();
			}, "succeeded");
			log.info("Job {} succeeded: baseline {} -> best {}", jobId, end.trials().get(0).score(),
					MiproOptimizer.best(end).score());
		}
		else if (runner.isStopping()) {
			end(jobId, owner, JobEntity::requeue, "requeued");
			log.info("Job {} requeued: this instance is stopping; it resumes from its last step", jobId);
		}
		else {
			end(jobId, owner, JobEntity::cancelled, "cancelled");
			log.info("Job {} cancelled", jobId);
		}
	}

	/**
	 * A failure while this instance is stopping is most likely the stop itself (interrupted calls), so the job goes
	 * back to the queue and resumes from its last step; otherwise it fails with the message.
	 */
	private void failOrRequeue(UUID jobId, String owner, JobRunner runner, UsageCounter usage, String message) {
		if (runner.isStopping()) {
			log.info("Job {} requeued: it was interrupted by this instance stopping", jobId);
			end(jobId, owner, withUsage(usage, JobEntity::requeue), "requeued");
		}
		else {
			end(jobId, owner, withUsage(usage, job -> job.fail(message)), "failed");
		}
	}

	/** Records the calls made since the last checkpoint too, so the view counts every request sent. */
	private static java.util.function.Consumer<JobEntity> withUsage(UsageCounter usage,
			java.util.function.Consumer<JobEntity> change) {
		return job -> {
			if (usage != null) {
				job.recordUsage(usage.usage(), usage.retries());
			}
			change.accept(job);
		};
	}

	/**
	 * Searches the corpora of the program's retrieve steps through the shared BM25 indexes (looked up on every
	 * search, so an index in use is never evicted), counting each search in the job's usage.
	 */
	private Retrieval retrieval(Program program, UsageCounter usage) {
		if (program.retrievers().isEmpty()) {
			return Retrieval.NONE;
		}
		Map<String, DatasetView> corpora = new HashMap<>();
		for (Retriever retriever : program.retrievers()) {
			CorpusRef ref = CorpusRef.parse(retriever.corpus());
			corpora.put(retriever.corpus(), datasets.find(ref.datasetId())
				.orElseThrow(() -> new OptimizerException("The corpus dataset " + ref.datasetId() + " of module `"
						+ retriever.name() + "` was deleted; the job cannot run.")));
		}
		return (corpus, query, k) -> {
			CorpusRef ref = CorpusRef.parse(corpus);
			DatasetView dataset = corpora.get(corpus);
			List<String> passages = corpusIndexes
				.index(dataset.contentHash(), ref.textField(), () -> datasets.allExamples(ref.datasetId())
					.stream()
					.map(example -> example.getOrDefault(ref.textField(), ""))
					.toList())
				.search(query, k);
			usage.retrieved();
			return passages;
		};
	}

	private List<Example> examples(UUID datasetId) {
		return datasets.allExamples(datasetId).stream().map(Example::new).toList();
	}

	/** Applies a final transition, if this instance still owns the job, with an event. */
	private void end(UUID jobId, String owner, java.util.function.Consumer<JobEntity> change, String type) {
		transactions.executeWithoutResult(status -> {
			JobEntity job = jobs.findById(jobId).orElse(null);
			if (job == null || job.getStatus() != JobStatus.RUNNING || !owner.equals(job.getOwner())) {
				return;
			}
			change.accept(job);
			jobs.saveAndFlush(job);
			Map<String, Object> data = new HashMap<>();
			data.put("status", job.getStatus());
			if (job.getError() != null) {
				data.put("error", job.getError());
			}
			records.insertEvent(jobId, "status", data);
		});
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
		data.put("dev", dataset(request.devDatasetId()));
		if (request.testDatasetId() != null) {
			data.put("test", dataset(request.testDatasetId()));
		}
		provenance.put("datasets", data);
		provenance.put("request", json.convertValue(request, Map.class));
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
