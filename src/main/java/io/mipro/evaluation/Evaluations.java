package io.mipro.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.evaluation.internal.EvaluationResultStore;
import io.mipro.job.JobProblems;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.MetricSpec;
import io.mipro.metric.MetricCatalog;
import io.mipro.optimizer.program.Program;
import io.mipro.job.internal.JobViews;
import io.mipro.job.internal.CorpusRetrieval;
import io.mipro.job.internal.JobCancellation;
import io.mipro.job.internal.JobEntity;
import io.mipro.job.internal.JobPlanner;
import io.mipro.job.internal.JobRecords;
import io.mipro.job.internal.JobRepository;
import io.mipro.job.internal.JobRunner;
import io.mipro.job.internal.ProgramDataCheck;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.program.Programs;
import io.mipro.web.Problems;
import io.mipro.web.PageResponse;
import io.mipro.web.SafeText;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Evaluation runs: a stored program scored on a dataset, asynchronously. A run is a job row of kind
 * {@code evaluation}, so the job runner claims, leases, cancels, counts and resumes it as it does jobs (one runner, one
 * fleet-safe queue), while its per-example results live in their own table and its view is its own.
 */
@Service
public class Evaluations {

	private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
	};

	private final JobRepository jobs;

	private final JobRecords records;

	private final JobRunner runner;

	private final JobCancellation cancellation;

	private final EvaluationResultStore results;

	private final Programs programs;

	private final Datasets datasets;

	private final CorpusRetrieval corpusRetrieval;

	private final ModelProvider provider;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final MetricCatalog metrics;

	public Evaluations(JobRepository jobs, JobRecords records, JobRunner runner, JobCancellation cancellation,
			EvaluationResultStore results, Programs programs, Datasets datasets, CorpusRetrieval corpusRetrieval,
			ModelProvider provider, TransactionTemplate transactions, JsonMapper json, MetricCatalog metrics) {
		this.metrics = metrics;
		this.jobs = jobs;
		this.records = records;
		this.runner = runner;
		this.cancellation = cancellation;
		this.results = results;
		this.programs = programs;
		this.datasets = datasets;
		this.corpusRetrieval = corpusRetrieval;
		this.provider = provider;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * Checks the request (the program exists, the dataset has every field the program reads and outputs, the metric
	 * and model are valid: 400 naming the field otherwise) and queues the run.
	 */
	public EvaluationView create(EvaluationRequest request) {
		if (request == null) {
			throw EvaluationProblems.invalid(null, "The request body is missing.");
		}
		if (request.programId() == null) {
			throw EvaluationProblems.invalid("programId", "`programId` is required.");
		}
		if (request.datasetId() == null) {
			throw EvaluationProblems.invalid("datasetId", "`datasetId` is required.");
		}
		DatasetView dataset = datasets.find(request.datasetId())
			.orElseThrow(() -> EvaluationProblems.invalid("datasetId",
					"`datasetId`: no dataset with id " + request.datasetId() + "; upload it first."));
		JobEntity run = transactions.execute(status -> {
			Programs.Stored program = rethrown(() -> programs.lockForUse(request.programId(), "programId"));
			rethrown(() -> {
				ProgramDataCheck.check(program.program(), corpusRetrieval.corpora(program.program()),
						new ProgramDataCheck.Role("evaluation", dataset));
				return null;
			});
			JobRequest.ModelSpec model = request.taskModel() == null ? program.taskModel()
					: rethrown(() -> Programs.model("taskModel", request.taskModel()));
			MetricSpec metric = metric(request.metric(), model, program.program());
			String name = request.name() == null || request.name().isBlank()
					? "evaluation of " + program.row().name() : request.name().strip();
			if (name.length() > 200) {
				name = name.substring(0, 200);
			}
			String named = name;
			SafeText.problem(named).ifPresent(problem -> {
				throw EvaluationProblems.invalid("name", "`name` " + problem + ".");
			});
			EvaluationRequest normalized = new EvaluationRequest(request.programId(), dataset.id(), metric, model, named);
			// train and dev both name the dataset: it cannot be deleted while the run is queued or running
			JobEntity row = JobEntity.queued(JobEntity.EVALUATION, request.programId(), named, dataset.id(),
					dataset.id(), null, json.writeValueAsString(normalized), provider.name(), dataset.size());
			jobs.saveAndFlush(row);
			records.insertEvent(row.getId(), "status", Map.of("status", JobStatus.QUEUED));
			return row;
		});
		runner.wake();
		return view(run);
	}

	/** The run's metric, validated as a job's (names, objects, custom beans) against the program's outputs. */
	private MetricSpec metric(MetricSpec given, JobRequest.ModelSpec taskModel, Program program) {
		try {
			return JobPlanner.evaluationMetric(given, taskModel, metrics, program.outputNames());
		}
		catch (ErrorResponseException refused) {
			throw EvaluationProblems.invalid("metric", refused.getBody().getDetail());
		}
	}

	/** A refusal from the program or job modules, answered as this API's problem with the same members. */
	private static <T> T rethrown(java.util.function.Supplier<T> step) {
		try {
			return step.get();
		}
		catch (ErrorResponseException refused) {
			if (refused.getStatusCode().value() != 400) {
				throw refused;
			}
			throw Problems.reissued(refused, EvaluationProblems.invalid(null, refused.getBody().getDetail()));
		}
	}

	private JobEntity run(UUID id) {
		return jobs.findById(id).filter(JobEntity::isEvaluation).orElseThrow(() -> EvaluationProblems.notFound(id));
	}

	public EvaluationView get(UUID id) {
		return view(run(id));
	}

	public PageResponse<EvaluationView> list(int page, int size) {
		Page<JobEntity> found = jobs.findByKind(JobEntity.EVALUATION,
				PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
		return PageResponse.of(found.map(this::view));
	}

	/** Cancels a queued run at once, a running one after its current batch; 409 once it ended. */
	public EvaluationView cancel(UUID id) {
		return view(cancellation.cancel(id, JobEntity.EVALUATION, EvaluationProblems::notFound, "Evaluation"));
	}

	/**
	 * Queues a FAILED run again (for example once its model provider is back): it goes on from its last stored batch,
	 * paying for no scored example twice. 409 for any other status, or when its program or dataset is gone.
	 */
	public EvaluationView resume(UUID id) {
		EvaluationView view = transactions.execute(status -> {
			JobEntity run = run(id);
			if (run.getStatus() != JobStatus.FAILED) {
				throw JobProblems.conflict("Evaluation " + id + " is " + run.getStatus()
						+ "; only a FAILED run can be resumed.");
			}
			EvaluationRequest request = json.readValue(run.getRequest(), EvaluationRequest.class);
			if (datasets.find(request.datasetId()).isEmpty()) {
				throw JobProblems.conflict("Dataset " + request.datasetId() + " of evaluation " + id
						+ " was deleted; it cannot resume.");
			}
			try {
				// locked until the run is queued again, so the program cannot be deleted in between
				programs.lockForUse(request.programId(), "programId");
			}
			catch (ErrorResponseException gone) {
				throw JobProblems.conflict("Program " + request.programId() + " of evaluation " + id
						+ " was deleted; it cannot resume.");
			}
			run.resume();
			jobs.saveAndFlush(run);
			records.insertEvent(id, "status", Map.of("status", JobStatus.QUEUED, "reason", "resumed"));
			return view(run);
		});
		runner.wake();
		return view;
	}

	/** A page of per-example results, in dataset order. */
	public PageResponse<EvaluationResultView> results(UUID id, int page, int size) {
		JobEntity run = run(id);
		List<EvaluationResultView> content = results.page(id, page, size).stream().map(this::result).toList();
		long total = run.getCompletedTrials();
		return new PageResponse<>(content, page, size, total, (int) ((total + size - 1) / size));
	}

	/** Every result so far, one JSON object a line, in dataset order. */
	public void resultsJsonl(UUID id, Consumer<String> lines) {
		run(id);
		results.forEach(id, row -> lines.accept(json.writeValueAsString(result(row))));
	}

	private EvaluationResultView result(EvaluationResultStore.Row row) {
		return new EvaluationResultView(row.ordinal(), json.readValue(row.example(), VALUES),
				json.readValue(row.prediction(), VALUES), row.score(), row.parseFailed(), row.failure());
	}

	private EvaluationView view(JobEntity run) {
		EvaluationRequest request = json.readValue(run.getRequest(), EvaluationRequest.class);
		boolean simulated = "simulated".equals(run.getProvider());
		int parseFailures = results.parseFailures(run.getId());
		return new EvaluationView(run.getId(), run.getName(), run.getStatus(), request.programId(),
				request.datasetId(), request.metric(), request.taskModel().model(), run.getCompletedTrials(),
				run.getTotalTrials(), run.getStatus() == JobStatus.SUCCEEDED ? run.getBestScore() : null, parseFailures,
				JobViews.usage(run),
				run.getProvider(), simulated, simulated ? SimulatedLanguageModel.NOTICE : null, run.getError(),
				run.getCreatedAt(), run.getStartedAt(), run.getFinishedAt());
	}

}
