package io.mipro.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.internal.CorpusRef;
import io.mipro.job.internal.JobCancellation;
import io.mipro.job.internal.JobEntity;
import io.mipro.job.internal.JobPlanner;
import io.mipro.job.internal.JobRecords;
import io.mipro.job.internal.JobRepository;
import io.mipro.job.internal.JobRunner;
import io.mipro.job.internal.JobViews;
import io.mipro.job.internal.PredictorSummary;
import io.mipro.job.internal.ProgramDataCheck;
import io.mipro.job.internal.CostEstimates;
import io.mipro.job.internal.MetricPlanner;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.PriceTable;
import io.mipro.optimizer.CallEstimate;
import io.mipro.optimizer.program.Example;
import io.mipro.metric.MetricCatalog;
import io.mipro.optimizer.ConfigurationException;
import io.mipro.optimizer.DataSplit;
import io.mipro.optimizer.MiproConfig;
import io.mipro.optimizer.SearchPlan;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Retriever;
import io.mipro.program.Programs;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/** The job module's API: submit, read, cancel and delete optimization jobs, and read what they learned. */
@Service
public class Jobs {

	private final JobRepository jobs;

	private final JobRecords records;

	private final Datasets datasets;

	private final ModelProvider provider;

	private final JobRunner runner;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final JobCancellation cancellation;

	private final Programs programs;

	private final MetricCatalog metrics;

	private final PriceTable prices;

	public Jobs(JobRepository jobs, JobRecords records, Datasets datasets, ModelProvider provider, JobRunner runner,
			TransactionTemplate transactions, JsonMapper json, JobCancellation cancellation, Programs programs,
			MetricCatalog metrics, PriceTable prices) {
		this.metrics = metrics;
		this.prices = prices;
		this.jobs = jobs;
		this.records = records;
		this.datasets = datasets;
		this.provider = provider;
		this.runner = runner;
		this.transactions = transactions;
		this.json = json;
		this.cancellation = cancellation;
		this.programs = programs;
	}

	/**
	 * Validates the request against its datasets and queues the job. Everything a job could fail on before it starts
	 * is refused here with a 400 problem: unknown datasets, fields the signature names but the data lacks, settings
	 * that do not fit together or do not fit the data.
	 */
	public JobView create(JobRequest submitted) {
		Prepared prepared = prepare(submitted);
		JobRequest request = prepared.request();
		Program program = prepared.program();
		Programs.Stored origin = prepared.origin();
		DatasetView train = prepared.train();
		DatasetView dev = prepared.dev();
		DatasetView test = prepared.test();
		Map<String, DatasetView> corpora = prepared.corpora();
		JobView.Split split = prepared.split();
		SearchPlan plan = prepared.plan();
		JobEntity job = JobEntity.queued(request.name(), train.id(), dev == null ? null : dev.id(),
				test == null ? null : test.id(), json.writeValueAsString(request), provider.name(), plan.totalTrials());
		if (split != null) {
			job.recordSplit(json.writeValueAsString(split));
		}
		job.describePredictors(json.writeValueAsString(PredictorSummary.of(program, null)));
		if (origin != null) {
			job.startFrom(origin.row().id(), origin.row().jobId(), programs.artifact(origin.row().id()).getValue());
		}
		transactions.executeWithoutResult(status -> {
			if (origin != null) {
				// locked until the job row commits, so the program cannot be deleted in between
				program("program.fromProgramId", () -> programs.lockForUse(origin.row().id(), "program.fromProgramId"));
			}
			jobs.saveAndFlush(job);
			records.insertCorpora(job.getId(), corpora.values().stream().map(DatasetView::id).toList());
			records.insertEvent(job.getId(), "status", Map.of("status", JobStatus.QUEUED));
		});
		runner.wake();
		return JobViews.job(job);
	}

	/**
	 * What the job would cost: validated exactly as {@link #create} validates (the same 400s), then estimated from
	 * its plan and its data, without calling any model and without storing anything.
	 */
	@Transactional(readOnly = true)
	public JobEstimate estimate(JobRequest submitted) {
		Prepared prepared = prepare(submitted);
		JobRequest request = prepared.request();
		List<Example> train = datasets.allExamples(request.trainDatasetId()).stream().map(Example::new).toList();
		if (prepared.split() != null) {
			train = DataSplit.of(train.size(), request.optimizer().seed()).trainOf(train);
		}
		MiproConfig config = JobPlanner.config(request);
		int judgeCalls = MetricPlanner.judgeCalls(request.metric(), prepared.program().outputNames().size());
		CallEstimate estimate = CallEstimate.of(config, prepared.plan(), prepared.program(), train,
				prepared.test() == null ? 0 : (int) prepared.test().size(), judgeCalls);
		return CostEstimates.of(estimate, request.promptModel().model(), request.taskModel().model(),
				judgeCalls == 0 ? null : MetricPlanner.judgeModel(request.metric()), prices);
	}

	/** A request validated against its datasets, with what creating or estimating it needs. */
	private record Prepared(JobRequest request, Program program, Programs.Stored origin, DatasetView train,
			DatasetView dev, DatasetView test, Map<String, DatasetView> corpora, JobView.Split split, SearchPlan plan) {
	}

	private Prepared prepare(JobRequest submitted) {
		Programs.Stored origin = origin(submitted);
		JobRequest request = JobPlanner.normalize(origin == null ? submitted
				: submitted.withProgram(new JobRequest.ProgramSpec(origin.spec().signature(), origin.spec().instructions(),
						origin.spec().module(), origin.spec().descriptions(), origin.spec().modules(),
						origin.row().id())), metrics);
		// a job from a registered program starts from its instructions and demos, not just its shape
		Program program = origin == null ? JobPlanner.program(request) : origin.program();
		MiproConfig config = JobPlanner.config(request);
		DatasetView train = dataset("trainDatasetId", request.trainDatasetId());
		// no dev set: the train set is split with the job's seed (see DataSplit for the fractions and why)
		DatasetView dev = request.devDatasetId() == null ? null : dataset("devDatasetId", request.devDatasetId());
		JobView.Split split = null;
		if (dev == null) {
			if (train.size() < DataSplit.MIN_EXAMPLES) {
				throw JobProblems.invalid("`devDatasetId` is omitted, so `trainDatasetId` is split into train and "
						+ "validation parts, which needs at least " + DataSplit.MIN_EXAMPLES + " examples; it has "
						+ train.size() + ". Give a devDatasetId or a larger train set.");
			}
			int devSize = DataSplit.devSize(train.size());
			split = new JobView.Split(train.id(), request.optimizer().seed(), train.size() - devSize, devSize,
					DataSplit.DEV_FRACTION);
		}
		DatasetView test = request.testDatasetId() == null ? null : dataset("testDatasetId", request.testDatasetId());
		Map<String, DatasetView> corpora = new java.util.LinkedHashMap<>();
		for (Retriever retriever : program.retrievers()) {
			datasets.find(CorpusRef.parse(retriever.corpus()).datasetId())
				.ifPresent(corpus -> corpora.put(retriever.corpus(), corpus));
		}
		ProgramDataCheck.check(program, corpora, new ProgramDataCheck.Role("train", train),
				new ProgramDataCheck.Role("dev", dev), new ProgramDataCheck.Role("test", test));
		SearchPlan plan;
		try {
			plan = config.plan(program.size(), dev == null ? split.devSize() : dev.size());
		}
		catch (ConfigurationException ex) {
			throw JobProblems.invalid("`optimizer`: " + ex.getMessage());
		}
		return new Prepared(request, program, origin, train, dev, test, corpora, split, plan);
	}

	/**
	 * The registered program a request starts from ({@code program.fromProgramId}), or null. Such a request gives
	 * no other program field: the program's shape, instructions and demos are the registered program's.
	 */
	private Programs.Stored origin(JobRequest request) {
		if (request == null || request.program() == null || request.program().fromProgramId() == null) {
			return null;
		}
		JobRequest.ProgramSpec spec = request.program();
		if (spec.signature() != null || spec.instructions() != null || spec.module() != null
				|| (spec.descriptions() != null && !spec.descriptions().isEmpty())
				|| (spec.modules() != null && !spec.modules().isEmpty())) {
			throw JobProblems.invalidModule(null, "program.fromProgramId", "`program.fromProgramId` starts from a "
					+ "registered program's shape, instructions and demos; give it alone, without `signature`, "
					+ "`instructions`, `module`, `descriptions` or `modules`.");
		}
		return program("program.fromProgramId", () -> programs.stored(spec.fromProgramId()));
	}

	/** A registry refusal (no such program) answered as a 400 of the job request naming the field. */
	private static <T> T program(String field, java.util.function.Supplier<T> lookup) {
		try {
			return lookup.get();
		}
		catch (ErrorResponseException refused) {
			throw JobProblems.invalidModule(null, field, "`" + field + "`: " + refused.getBody().getDetail());
		}
	}

	private DatasetView dataset(String field, UUID id) {
		return datasets.find(id)
			.orElseThrow(() -> JobProblems.invalid("`" + field + "`: no dataset with id " + id + "; upload it first."));
	}

	private JobEntity entity(UUID id) {
		return jobs.findById(id).filter(job -> !job.isEvaluation()).orElseThrow(() -> JobProblems.notFound(id));
	}

	@Transactional(readOnly = true)
	public JobView get(UUID id) {
		return JobViews.job(entity(id));
	}

	@Transactional(readOnly = true)
	public Page<JobView> list(JobStatus status, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
		// evaluation runs share the job table and runner but are listed under /api/evaluations
		Page<JobEntity> found = status == null ? jobs.findByKind(JobEntity.OPTIMIZATION, request)
				: jobs.findByKindAndStatus(JobEntity.OPTIMIZATION, status, request);
		return found.map(JobViews::job);
	}

	@Transactional(readOnly = true)
	public List<CandidateView> candidates(UUID id) {
		List<String> predictors = predictorNames(entity(id));
		return JobViews.candidates(records.candidates(id), records.trials(id), predictors);
	}

	@Transactional(readOnly = true)
	public List<DemoSetView> demoSets(UUID id) {
		List<String> predictors = predictorNames(entity(id));
		return records.demoSets(id).stream().map(set -> JobViews.demoSet(set, predictors)).toList();
	}

	@Transactional(readOnly = true)
	public List<TrialView> trials(UUID id) {
		List<String> predictors = predictorNames(entity(id));
		return records.trials(id).stream().map(t -> JobViews.trial(t, predictors)).toList();
	}

	private List<String> predictorNames(JobEntity job) {
		return JobPlanner.program(json.readValue(job.getRequest(), JobRequest.class))
			.predictors()
			.stream()
			.map(io.mipro.optimizer.program.Predictor::name)
			.toList();
	}

	/** Events after {@code afterId}, oldest first. */
	@Transactional(readOnly = true)
	public List<JobRecords.EventRow> events(UUID id, long afterId, int limit) {
		entity(id);
		return records.events(id, afterId, limit);
	}

	/**
	 * Cancels a queued job at once; asks a running one to stop after its current step (at most one trial). Refused
	 * with 409 when the job already ended.
	 */
	public JobView cancel(UUID id) {
		return JobViews.job(cancellation.cancel(id, JobEntity.OPTIMIZATION, JobProblems::notFound, "Job"));
	}

	/**
	 * Resumes a FAILED job (for example after its model provider was down) from its last checkpoint: what it stored
	 * is kept, and the answers it already paid for are in the response cache. 409 for any other status, or when one
	 * of its datasets was deleted since.
	 */
	public JobView resume(UUID id) {
		JobView view = transactions.execute(status -> {
			JobEntity job = entity(id);
			if (job.getStatus() != JobStatus.FAILED) {
				throw JobProblems.conflict("Job " + id + " is " + job.getStatus() + "; only a FAILED job can be resumed.");
			}
			for (UUID dataset : new UUID[] { job.getTrainDatasetId(), job.getDevDatasetId(), job.getTestDatasetId() }) {
				if (dataset != null && datasets.find(dataset).isEmpty()) {
					throw JobProblems.conflict("Dataset " + dataset + " of job " + id + " was deleted; it cannot resume.");
				}
			}
			job.resume();
			jobs.saveAndFlush(job);
			records.insertEvent(id, "status", Map.of("status", JobStatus.QUEUED, "reason", "resumed"));
			return JobViews.job(job);
		});
		runner.wake();
		return view;
	}

	/** Deletes a finished job and all it stored; 409 while it is queued or running. */
	public void delete(UUID id) {
		transactions.executeWithoutResult(status -> {
			JobEntity job = entity(id);
			if (!job.getStatus().isTerminal()) {
				throw JobProblems.conflict("Job " + id + " is " + job.getStatus() + "; cancel it before deleting it.");
			}
			records.deleteAll(id);
			jobs.delete(job);
		});
	}

	/** The artifact: a file name and its JSON; 409 until the job succeeded. */
	@Transactional(readOnly = true)
	public Map.Entry<String, String> artifact(UUID id) {
		JobEntity job = entity(id);
		if (job.getStatus() != JobStatus.SUCCEEDED) {
			throw JobProblems.conflict("Job " + id + " is " + job.getStatus()
					+ "; its artifact is available once it has SUCCEEDED.");
		}
		Optional<String> content = records.artifact(id);
		String name = job.getName().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
		String file = "mipro-" + (name.isEmpty() ? "program" : name) + "-" + id.toString().substring(0, 8) + ".json";
		return Map.entry(file, content.orElseThrow(() -> JobProblems.conflict("Job " + id + " has no artifact.")));
	}

	/** The provider this instance uses for new jobs. */
	public String providerName() {
		return provider.name();
	}

}
