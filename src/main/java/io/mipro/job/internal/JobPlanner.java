package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mipro.job.JobProblems;
import io.mipro.job.JobRequest;
import io.mipro.job.MetricSpec;
import io.mipro.metric.MetricCatalog;
import io.mipro.optimizer.AutoPreset;
import io.mipro.optimizer.ConfigurationException;
import io.mipro.optimizer.MiproConfig;
import io.mipro.optimizer.MiproConfigBuilder;
import io.mipro.optimizer.Strategy;
import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.web.SafeText;

/**
 * Turns a job request into the optimizer's values (program, metric, configuration), applying the documented
 * defaults. This is the one place where request fields map onto the core; every refusal is a 400 problem naming
 * the offending field.
 */
public final class JobPlanner {

	static final String DEFAULT_MODEL = "gpt-4o-mini";

	static final int MAX_NAME = 200;

	static final int MAX_TEXT = 20_000;

	private JobPlanner() {
	}

	/** {@link #normalize(JobRequest, MetricCatalog)} knowing only the built-in metrics. */
	public static JobRequest normalize(JobRequest request) {
		return normalize(request, MetricCatalog.BUILT_IN);
	}

	/** The request with every default filled in, as stored with the job (so a resumed job reads the same values). */
	public static JobRequest normalize(JobRequest request, MetricCatalog metrics) {
		if (request == null) {
			throw JobProblems.invalid("The request body is missing.");
		}
		if (request.trainDatasetId() == null) {
			throw JobProblems.invalid("`trainDatasetId` is required.");
		}
		JobRequest.ProgramSpec program = withOrigin(ProgramPlanner.normalize(request.program()),
				request.program().fromProgramId());
		String name = request.name() == null || request.name().isBlank() ? defaultName(program)
				: request.name().strip();
		if (name.length() > MAX_NAME) {
			throw JobProblems.invalid("`name` has " + name.length() + " characters; at most " + MAX_NAME + " are allowed.");
		}
		JobRequest.OptimizerSpec o = request.optimizer() == null ? JobRequest.OptimizerSpec.defaults()
				: request.optimizer();
		String auto = o.auto();
		if (auto == null && o.numCandidates() == null && o.numTrials() == null) {
			auto = "light";
		}
		if (auto != null && (auto.equalsIgnoreCase("none") || auto.equalsIgnoreCase("custom"))) {
			auto = null;
		}
		JobRequest.OptimizerSpec optimizer = new JobRequest.OptimizerSpec(
				auto == null ? null : auto.strip().toLowerCase(Locale.ROOT), o.numCandidates(), o.numTrials(),
				or(o.maxBootstrappedDemos(), 4), or(o.maxLabeledDemos(), 4), or(o.minibatch(), true),
				or(o.minibatchSize(), 35), or(o.minibatchFullEvalSteps(), 5), or(o.initTemperature(), 1.0),
				or(o.proposalRounds(), 1), or(o.seed(), 9L), o.maxLmCalls(), o.metricThreshold(), or(o.numThreads(), 8),
				o.strategy() == null ? Strategy.ADAPTIVE.key() : o.strategy().strip().toLowerCase(Locale.ROOT),
				or(o.parallelTrials(), 1), o.maxTokens(), o.maxCostUsd());
		JobRequest.ModelSpec promptModel = model(request.promptModel());
		MetricSpec metric = MetricPlanner.normalize(request.metric(), promptModel);
		JobRequest normalized = new JobRequest(name, request.trainDatasetId(), request.devDatasetId(),
				request.testDatasetId(), program, metric, optimizer, promptModel, model(request.taskModel()),
				request.teacherModel() == null ? null : model(request.teacherModel()));
		safe("name", name);
		safe("promptModel.model", normalized.promptModel().model());
		safe("taskModel.model", normalized.taskModel().model());
		if (normalized.teacherModel() != null) {
			safe("teacherModel.model", normalized.teacherModel().model());
		}
		// fail now, not when the job runs
		program(normalized);
		metric(normalized, metrics);
		config(normalized);
		return normalized;
	}

	/** The normalized spec with the registered program it starts from, if any (kept with the job for its view). */
	private static JobRequest.ProgramSpec withOrigin(JobRequest.ProgramSpec spec, java.util.UUID fromProgramId) {
		return fromProgramId == null ? spec : new JobRequest.ProgramSpec(spec.signature(), spec.instructions(),
				spec.module(), spec.descriptions(), spec.modules(), fromProgramId);
	}

	private static void safe(String field, String value) {
		if (value != null) {
			SafeText.problem(value).ifPresent(problem -> {
				throw JobProblems.invalid("`" + field + "` " + problem + ".");
			});
		}
	}

	private static <T> T or(T value, T fallback) {
		return value == null ? fallback : value;
	}

	private static JobRequest.ModelSpec model(JobRequest.ModelSpec spec) {
		if (spec == null) {
			return new JobRequest.ModelSpec(DEFAULT_MODEL, null, null);
		}
		return new JobRequest.ModelSpec(spec.model() == null || spec.model().isBlank() ? DEFAULT_MODEL : spec.model().strip(),
				spec.temperature(), spec.maxTokens());
	}

	/** The program a normalized request stands for. */
	public static Program program(JobRequest request) {
		return ProgramPlanner.program(request.program());
	}

	/** A job without a name is called by its signature, or by its modules' names for a pipeline. */
	private static String defaultName(JobRequest.ProgramSpec program) {
		String name = program.modules() == null ? program.signature()
				: String.join(" -> ", program.modules().stream().map(JobRequest.ModuleSpec::name).toList());
		return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
	}

	/**
	 * An evaluation run's metric, checked as a job's is against the program's outputs (400 problems with the same
	 * words); a judge without a model of its own is the run's task model, since a run has no prompt model.
	 */
	public static MetricSpec evaluationMetric(MetricSpec spec, JobRequest.ModelSpec taskModel, MetricCatalog metrics,
			List<String> outputs) {
		MetricSpec normalized = MetricPlanner.normalize(spec, model(taskModel));
		MetricPlanner.metric(normalized, metrics, outputs);
		return normalized;
	}

	/** The metric a normalized spec stands for, its judge (if any) not yet bound to a model. */
	public static Metric metric(MetricSpec spec, MetricCatalog metrics, List<String> outputs) {
		return MetricPlanner.metric(spec, metrics, outputs);
	}

	/** The metric a normalized request names, its judge (if any) not yet bound to a model. */
	public static Metric metric(JobRequest request, MetricCatalog metrics) {
		return MetricPlanner.metric(request.metric(), metrics, program(request).outputNames());
	}

	public static MiproConfig config(JobRequest request) {
		JobRequest.OptimizerSpec o = request.optimizer();
		try {
			MiproConfigBuilder builder = MiproConfig.builder()
				.auto(AutoPreset.parse(o.auto()))
				.numCandidates(o.numCandidates())
				.numTrials(o.numTrials())
				.maxBootstrappedDemos(o.maxBootstrappedDemos())
				.maxLabeledDemos(o.maxLabeledDemos())
				.minibatch(o.minibatch())
				.minibatchSize(o.minibatchSize())
				.minibatchFullEvalSteps(o.minibatchFullEvalSteps())
				.initTemperature(o.initTemperature())
				.proposalRounds(o.proposalRounds())
				.seed(o.seed())
				.maxLmCalls(o.maxLmCalls())
				.metricThreshold(o.metricThreshold())
				.numThreads(o.numThreads())
				.strategy(Strategy.parse(o.strategy()))
				.parallelTrials(o.parallelTrials())
				.maxTokens(o.maxTokens())
				.maxCostUsd(o.maxCostUsd())
				.promptModel(settings("promptModel", request.promptModel()))
				.taskModel(settings("taskModel", request.taskModel()))
				.teacherModel(request.teacherModel() == null ? null : settings("teacherModel", request.teacherModel()));
			return builder.build();
		}
		catch (ConfigurationException ex) {
			throw JobProblems.invalid("`optimizer`: " + ex.getMessage());
		}
	}

	private static ModelSettings settings(String name, JobRequest.ModelSpec spec) {
		try {
			if (spec.model().length() > 200) {
				throw new IllegalArgumentException("the model name is too long");
			}
			return new ModelSettings(spec.model(), spec.temperature(), spec.maxTokens());
		}
		catch (IllegalArgumentException ex) {
			throw JobProblems.invalid("`" + name + "`: " + ex.getMessage() + ".");
		}
	}

}
