package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.mipro.dataset.Datasets;
import io.mipro.evaluation.EvaluationRequest;
import io.mipro.evaluation.internal.EvaluationResultStore;
import io.mipro.metric.MetricCatalog;
import io.mipro.llm.CachingLanguageModel;
import io.mipro.llm.LlmProperties;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.ResponseCache;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.eval.Evaluation;
import io.mipro.optimizer.eval.Evaluator;
import io.mipro.optimizer.eval.ExampleResult;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.program.Programs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Runs an evaluation run (a job row of kind {@code evaluation}) on the job runner: the program scores the dataset a
 * batch of examples at a time, and each batch's results, progress and usage commit in one short transaction under
 * the run's lease, as a job's trial does. A resumed run (after a crash or a stop) skips the examples already scored,
 * so it pays for none twice; a cancel stops it after the current batch.
 */
@Component
class EvaluationExecution {

	private static final Logger log = LoggerFactory.getLogger(EvaluationExecution.class);

	/** Examples scored at once; the provider's per-model limits bound the calls further. */
	static final int CONCURRENCY = 8;

	/** Examples per committed step: small enough that a crash loses little, large enough to keep calls parallel. */
	static final int BATCH = 4 * CONCURRENCY;

	private static final int CONFLICT_RETRIES = 3;

	private final JobRepository jobs;

	private final EvaluationResultStore results;

	private final Programs programs;

	private final Datasets datasets;

	private final ModelProvider provider;

	private final ResponseCache cache;

	private final LlmProperties llm;

	private final ExecutorService evaluationExecutor;

	private final CorpusRetrieval corpusRetrieval;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final JobLeases leases;

	private final MetricCatalog metrics;

	EvaluationExecution(JobRepository jobs, EvaluationResultStore results, Programs programs, Datasets datasets,
			ModelProvider provider, ResponseCache cache, LlmProperties llm, ExecutorService evaluationExecutor,
			CorpusRetrieval corpusRetrieval, TransactionTemplate transactions, JsonMapper json, JobLeases leases,
			MetricCatalog metrics) {
		this.metrics = metrics;
		this.jobs = jobs;
		this.results = results;
		this.programs = programs;
		this.datasets = datasets;
		this.provider = provider;
		this.cache = cache;
		this.llm = llm;
		this.evaluationExecutor = evaluationExecutor;
		this.corpusRetrieval = corpusRetrieval;
		this.transactions = transactions;
		this.json = json;
		this.leases = leases;
	}

	void execute(RunningJob execution, JobRunner runner, JobEntity job, JobExecution ends,
			AtomicReference<UsageCounter> usageHolder) {
		UUID runId = execution.jobId();
		EvaluationRequest request = json.readValue(job.getRequest(), EvaluationRequest.class);
		Program program = program(request.programId());
		List<Example> examples = datasets.allExamples(request.datasetId()).stream().map(Example::new).toList();
		if (examples.isEmpty() && datasets.find(request.datasetId()).isEmpty()) {
			throw new OptimizerException("The dataset " + request.datasetId() + " was deleted; the run cannot go on.");
		}
		UsageCounter usage = new UsageCounter(job.getUsage(), job.getRetriedCalls());
		usageHolder.set(usage);
		LanguageModel model = new LeaseGuardedModel(
				new CachingLanguageModel(provider, llm.cache() ? cache : null, usage, json), execution);
		ModelSettings settings = new ModelSettings(request.taskModel().model(), request.taskModel().temperature(),
				request.taskModel().maxTokens());
		Evaluator evaluator = new Evaluator(new ProgramRunner(model, settings, corpusRetrieval.of(program, usage)),
				JobPlanner.metric(request.metric(), metrics, program.outputNames()).bind(model), CONCURRENCY,
				evaluationExecutor);
		Set<Integer> scored = results.scored(runId);
		List<Integer> todo = new ArrayList<>();
		for (int i = 0; i < examples.size(); i++) {
			if (!scored.contains(i)) {
				todo.add(i);
			}
		}
		if (!scored.isEmpty()) {
			log.info("Resuming evaluation {} with {} of {} examples scored (attempt {})", runId, scored.size(),
					examples.size(), job.getAttempt());
		}
		int evaluated = scored.size();
		for (int from = 0; from < todo.size(); from += BATCH) {
			if (execution.lost() || runner.isStopping() || jobs.cancelRequested(runId).orElse(true)) {
				break;
			}
			List<Integer> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
			Evaluation evaluation = evaluator.evaluate(program, batch.stream().map(examples::get).toList(),
					"evaluation");
			List<EvaluationResultStore.Row> rows = new ArrayList<>();
			for (ExampleResult result : evaluation.results()) {
				int ordinal = batch.get(result.index());
				rows.add(new EvaluationResultStore.Row(ordinal,
						json.writeValueAsString(examples.get(ordinal).values()),
						json.writeValueAsString(result.prediction().values()), result.score(),
						result.prediction().parseFailed(), result.prediction().failure()));
			}
			evaluated += rows.size();
			save(execution, rows, evaluated, usage);
		}
		execution.checkLease();
		if (evaluated == examples.size()) {
			EvaluationResultStore.Totals totals = results.totals(runId);
			double score = Evaluator.percentage(totals.scoreSum(), examples.size());
			ends.end(execution, entity -> {
				entity.recordUsage(usage.usage(), usage.retries());
				entity.evaluated(score);
			}, "succeeded", Map.of("score", score));
			log.info("Evaluation {} succeeded: {} on {} examples", runId, score, examples.size());
		}
		else if (runner.isStopping()) {
			ends.end(execution, JobEntity::requeue, "requeued", Map.of());
			log.info("Evaluation {} requeued: this instance is stopping; it resumes after its last batch", runId);
		}
		else {
			ends.end(execution, JobEntity::cancelled, "cancelled", Map.of());
			log.info("Evaluation {} cancelled", runId);
		}
	}

	/** The stored program; one deleted since (possible only once the run had ended and was resumed) ends the run. */
	private Program program(UUID id) {
		try {
			return programs.stored(id).program();
		}
		catch (ErrorResponseException gone) {
			throw new OptimizerException("The program " + id + " was deleted; the run cannot go on.");
		}
	}

	/** One batch's rows, the progress and the usage, committed together if this execution still owns the run. */
	private void save(RunningJob execution, List<EvaluationResultStore.Row> rows, int evaluated, UsageCounter usage) {
		for (int attempt = 1;; attempt++) {
			execution.checkLease();
			try {
				transactions.executeWithoutResult(status -> {
					JobEntity job = jobs.lockById(execution.jobId())
						.orElseThrow(() -> new LeaseLostException(execution.jobId()));
					if (!execution.owns(job)) {
						execution.markLost();
						throw new LeaseLostException(execution.jobId());
					}
					results.insertAll(execution.jobId(), rows);
					job.evaluationProgress(evaluated, usage.usage(), usage.retries());
					jobs.saveAndFlush(job);
					if (!leases.renew(execution)) {
						execution.markLost();
						throw new LeaseLostException(execution.jobId());
					}
				});
				return;
			}
			catch (ObjectOptimisticLockingFailureException conflict) {
				// a cancel request changed the row in between; write again on the fresh row
				if (attempt >= CONFLICT_RETRIES) {
					throw conflict;
				}
			}
		}
	}

}
