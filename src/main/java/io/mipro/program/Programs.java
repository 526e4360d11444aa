package io.mipro.program;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mipro.artifact.DspyArtifact;
import io.mipro.artifact.DspyProgramReader;
import io.mipro.job.JobProblems;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.job.internal.CorpusRetrieval;
import io.mipro.job.internal.JobEntity;
import io.mipro.job.internal.JobRecords;
import io.mipro.job.internal.JobRepository;
import io.mipro.job.internal.ProgramDataCheck;
import io.mipro.job.internal.ProgramPlanner;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.program.internal.ProgramRow;
import io.mipro.program.internal.ProgramStore;
import io.mipro.web.Problems;
import io.mipro.web.PageResponse;
import io.mipro.web.SafeText;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The program registry (design.md 10): programs from SUCCEEDED jobs and imported DSPy programs, which can be
 * downloaded, served ({@link ProgramServing}), evaluated and optimized further. A job's programs are made on first request
 * ({@link #fromJob}), idempotently, so a job finishing never depends on the registry and jobs that finished before
 * it existed can be registered too.
 */
@Service
public class Programs {

	/** Source of a job's best program. */
	public static final String JOB_BEST = "job-best";

	/** Source of a job's starting (unoptimized) program. */
	public static final String JOB_BASELINE = "job-baseline";

	/** Source of an imported DSPy program. */
	public static final String IMPORT = "import";

	private static final int MAX_NAME = 200;

	private static final String DEFAULT_MODEL = "gpt-4o-mini";

	private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final ProgramStore store;

	private final JobRepository jobs;

	private final JobRecords records;

	private final CorpusRetrieval retrieval;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	public Programs(ProgramStore store, JobRepository jobs, JobRecords records, CorpusRetrieval retrieval,
			TransactionTemplate transactions, JsonMapper json) {
		this.store = store;
		this.jobs = jobs;
		this.records = records;
		this.retrieval = retrieval;
		this.transactions = transactions;
		this.json = json;
	}

	/** A stored program, ready to run: its row, shape, the runnable program and its task model. */
	public record Stored(ProgramRow row, JobRequest.ProgramSpec spec, Program program, JobRequest.ModelSpec taskModel) {
	}

	public PageResponse<ProgramView> list(int page, int size) {
		long total = store.count();
		List<ProgramView> content = store.page(page, size).stream().map(this::view).toList();
		return new PageResponse<>(content, page, size, total, (int) ((total + size - 1) / size));
	}

	public ProgramView get(UUID id) {
		return view(row(id));
	}

	/** The program with its instructions and demos, ready to run. */
	public Stored stored(UUID id) {
		return stored(row(id));
	}

	private ProgramRow row(UUID id) {
		return store.find(id).orElseThrow(() -> ProgramProblems.notFound(id));
	}

	private Stored stored(ProgramRow row) {
		JobRequest.ProgramSpec spec = json.readValue(row.spec(), JobRequest.ProgramSpec.class);
		Program program = DspyProgramReader.read(ProgramPlanner.program(spec), json.readValue(row.artifact(), OBJECT));
		return new Stored(row, spec, program, json.readValue(row.taskModel(), JobRequest.ModelSpec.class));
	}

	/**
	 * The DSPy saved-program JSON and a file name for it; {@code mipro_service.program} says which program of the
	 * registry it is (DSPy ignores that key).
	 */
	public Map.Entry<String, String> artifact(UUID id) {
		ProgramRow row = row(id);
		Map<String, Object> artifact = json.readValue(row.artifact(), OBJECT);
		Map<String, Object> ours = artifact.get(DspyArtifact.PROVENANCE_KEY) instanceof Map<?, ?> map
				? new LinkedHashMap<>(json.convertValue(map, OBJECT)) : new LinkedHashMap<>();
		ours.put("program", origin(row));
		artifact.put(DspyArtifact.PROVENANCE_KEY, ours);
		String name = row.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
		String file = "program-" + (name.isEmpty() ? "program" : name) + "-" + id.toString().substring(0, 8) + ".json";
		return Map.entry(file, DspyArtifact.toJson(artifact, json));
	}

	/** Where a program came from, as artifacts record it. */
	public static Map<String, Object> origin(ProgramRow row) {
		Map<String, Object> origin = new LinkedHashMap<>();
		origin.put("id", row.id().toString());
		origin.put("name", row.name());
		origin.put("source", row.source());
		origin.put("job_id", row.jobId() == null ? null : row.jobId().toString());
		return origin;
	}

	/**
	 * Deletes a program; 409 while a queued or running job starts from it or an evaluation runs it. The row lock
	 * makes a concurrent submit that names the program wait, and then find it gone.
	 */
	public void delete(UUID id) {
		transactions.executeWithoutResult(status -> {
			if (!store.lock(id)) {
				throw ProgramProblems.notFound(id);
			}
			long using = jobs.countActiveUsingProgram(id);
			if (using > 0) {
				throw ProgramProblems.conflict("Program " + id + " is in use by " + using + " queued or running "
						+ (using == 1 ? "job or evaluation" : "jobs or evaluations") + "; cancel them or wait.");
			}
			store.delete(id);
		});
	}

	/**
	 * The row of a program that a new job or evaluation will reference, locked until the caller's transaction ends
	 * (so it cannot be deleted in between); 400 naming {@code field} when there is none.
	 */
	public Stored lockForUse(UUID id, String field) {
		if (!store.lock(id)) {
			throw ProgramProblems.invalidField(field, "`" + field + "`: no program with id " + id + ".");
		}
		return stored(id);
	}

	/** A result and whether it was made by this call. */
	public record Registered(List<ProgramView> programs, boolean created) {
	}

	/**
	 * A SUCCEEDED job's best program and its starting program, registered on the first call and returned as they
	 * are on later ones (also when two calls race: the unique index keeps one of each).
	 */
	public Registered fromJob(UUID jobId) {
		JobEntity job = jobs.findById(jobId).filter(j -> !j.isEvaluation())
			.orElseThrow(() -> JobProblems.notFound(jobId));
		if (job.getStatus() != JobStatus.SUCCEEDED) {
			throw ProgramProblems.conflict("Job " + jobId + " is " + job.getStatus()
					+ "; its programs can be registered once it has SUCCEEDED.");
		}
		List<ProgramRow> existing = store.ofJob(jobId);
		if (existing.size() == 2) {
			return new Registered(existing.stream().map(this::view).toList(), false);
		}
		JobRequest request = json.readValue(job.getRequest(), JobRequest.class);
		JobRequest.ProgramSpec spec = shapeOnly(request.program());
		String best = records.artifact(jobId).orElseThrow(() -> ProgramProblems.conflict("Job " + jobId
				+ " has no artifact."));
		String baseline = job.getStartProgram() != null ? job.getStartProgram() : baselineArtifact(job, request);
		List<ProgramRow> rows = List.of(
				new ProgramRow(UUID.randomUUID(), nameOf(job.getName(), " (best)"), JOB_BEST, jobId,
						json.writeValueAsString(spec), best, json.writeValueAsString(request.taskModel()), now()),
				new ProgramRow(UUID.randomUUID(), nameOf(job.getName(), " (baseline)"), JOB_BASELINE, jobId,
						json.writeValueAsString(spec), baseline, json.writeValueAsString(request.taskModel()), now()));
		boolean created = false;
		for (ProgramRow row : rows) {
			if (existing.stream().noneMatch(e -> e.source().equals(row.source()))) {
				try {
					transactions.executeWithoutResult(status -> store.insert(row));
					created = true;
				}
				catch (DuplicateKeyException raced) {
					// another request registered it first; theirs stands
				}
			}
		}
		return new Registered(store.ofJob(jobId).stream().map(this::view).toList(), created);
	}

	/** A job's starting program as DSPy JSON: its request's instructions, no demos. */
	private String baselineArtifact(JobEntity job, JobRequest request) {
		Map<String, Object> provenance = new LinkedHashMap<>();
		provenance.put("job_id", job.getId().toString());
		provenance.put("job_name", job.getName());
		provenance.put("role", "baseline: the job's starting program, before optimization");
		Map<String, Object> scores = new LinkedHashMap<>();
		scores.put("metric", request.metric());
		scores.put("baseline", job.getBaselineScore());
		provenance.put("scores", scores);
		return DspyArtifact.toJson(DspyArtifact.of(ProgramPlanner.program(shapeOnly(request.program())), provenance),
				json);
	}

	/** The program spec without the origin: a stored program's shape (its instructions and demos are its own). */
	private static JobRequest.ProgramSpec shapeOnly(JobRequest.ProgramSpec spec) {
		return new JobRequest.ProgramSpec(spec.signature(), spec.instructions(), spec.module(), spec.descriptions(),
				spec.modules());
	}

	private static String nameOf(String name, String suffix) {
		String base = name.length() + suffix.length() > MAX_NAME ? name.substring(0, MAX_NAME - suffix.length()) : name;
		return base + suffix;
	}

	/**
	 * Registers a DSPy saved program read into the given shape. Refused with a 400 problem naming the module and field
	 * when the shape is invalid, when the file lacks one of its predictors or their fields do not match, or when a
	 * demo is not well-formed; nothing is stored then.
	 */
	public ProgramView importProgram(ProgramImport request) {
		if (request == null) {
			throw ProgramProblems.invalid("The request body is missing.");
		}
		if (request.program() != null && request.program().fromProgramId() != null) {
			throw ProgramProblems.invalidField("program.fromProgramId", "`program.fromProgramId` is for jobs; an "
					+ "import gives the program's shape (`signature` or `modules`).");
		}
		JobRequest.ProgramSpec spec;
		Program shape;
		try {
			spec = ProgramPlanner.normalize(request.program());
			shape = ProgramPlanner.program(spec);
			ProgramDataCheck.check(shape, retrieval.corpora(shape));
		}
		catch (ErrorResponseException refused) {
			throw Problems.reissued(refused, ProgramProblems.invalid(refused.getBody().getDetail()));
		}
		if (request.artifact() == null) {
			throw ProgramProblems.invalidField("artifact", "`artifact` is required: the saved program's JSON object.");
		}
		Program program;
		try {
			program = DspyProgramReader.read(shape, request.artifact());
		}
		catch (DspyProgramReader.InvalidProgramException ex) {
			throw ProgramProblems.invalidField("artifact", "`artifact`: " + ex.getMessage() + ".");
		}
		checkDemos(program);
		String name = request.name() == null || request.name().isBlank() ? "imported program" : request.name().strip();
		text("name", name);
		JobRequest.ModelSpec model = model("taskModel", request.taskModel());
		ProgramRow row = new ProgramRow(UUID.randomUUID(), name, IMPORT, null, json.writeValueAsString(spec),
				json.writeValueAsString(request.artifact()), json.writeValueAsString(model), now());
		store.insert(row);
		return view(row);
	}

	/**
	 * A demo the model can be shown: it gives at least one of its predictor's inputs and one of its outputs (DSPy's
	 * adapters drop demos with neither, silently; we refuse them, so what is stored is what runs).
	 */
	private static void checkDemos(Program program) {
		for (int p = 0; p < program.size(); p++) {
			Predictor predictor = program.predictor(p);
			List<Demo> demos = predictor.demos();
			for (int d = 0; d < demos.size(); d++) {
				Demo demo = demos.get(d);
				boolean input = predictor.inputNames().stream().anyMatch(demo::has);
				boolean output = predictor.effectiveSignature().outputs().stream().anyMatch(f -> demo.has(f.name()));
				if (!input || !output) {
					ErrorResponseException problem = ProgramProblems.invalidField("artifact", "`artifact`: `"
							+ program.path(p) + ".demos[" + d + "]` of module `" + predictor.name() + "` has "
							+ (input ? "no output field " + predictor.effectiveSignature().outputs().stream()
								.map(f -> f.name()).toList() : "no input field " + predictor.inputNames())
							+ "; a demo gives at least one of each.");
					problem.getBody().setProperty("module", predictor.name());
					throw problem;
				}
			}
		}
	}

	/** A model spec with the default name filled in; names are checked as jobs check them. */
	public static JobRequest.ModelSpec model(String field, JobRequest.ModelSpec spec) {
		if (spec == null) {
			return new JobRequest.ModelSpec(DEFAULT_MODEL, null, null);
		}
		String model = spec.model() == null || spec.model().isBlank() ? DEFAULT_MODEL : spec.model().strip();
		if (model.length() > MAX_NAME) {
			throw ProgramProblems.invalidField(field + ".model", "`" + field + ".model` is too long.");
		}
		text(field + ".model", model);
		JobRequest.ModelSpec normalized = new JobRequest.ModelSpec(model, spec.temperature(), spec.maxTokens());
		try {
			new ModelSettings(model, spec.temperature(), spec.maxTokens());
		}
		catch (IllegalArgumentException ex) {
			throw ProgramProblems.invalidField(field, "`" + field + "`: " + ex.getMessage() + ".");
		}
		return normalized;
	}

	private static void text(String field, String value) {
		if (value.length() > MAX_NAME) {
			throw ProgramProblems.invalidField(field, "`" + field + "` has " + value.length() + " characters; at most "
					+ MAX_NAME + " are allowed.");
		}
		SafeText.problem(value).ifPresent(problem -> {
			throw ProgramProblems.invalidField(field, "`" + field + "` " + problem + ".");
		});
	}

	private ProgramView view(ProgramRow row) {
		Stored stored = stored(row);
		List<ProgramView.Predictor> predictors = new ArrayList<>();
		Program program = stored.program();
		for (int p = 0; p < program.size(); p++) {
			Predictor predictor = program.predictor(p);
			predictors.add(new ProgramView.Predictor(predictor.name(),
					predictor.kind().name().toLowerCase(java.util.Locale.ROOT), program.path(p),
					predictor.signature().shortForm(), predictor.signature().instructions(), predictor.demos().size()));
		}
		return new ProgramView(row.id(), row.name(), row.source(), row.jobId(), stored.spec(), stored.taskModel(),
				predictors, row.createdAt());
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
