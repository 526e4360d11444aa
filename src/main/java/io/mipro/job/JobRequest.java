package io.mipro.job;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a user asks for: datasets, the program, the metric, the optimizer settings and the two models. */
@Schema(description = "An optimization job. Every field but the datasets and the signature has a default.")
public record JobRequest(
		@Schema(description = "A name for the job", example = "qa-demo") String name,
		@Schema(description = "Dataset to bootstrap demos from", requiredMode = Schema.RequiredMode.REQUIRED) UUID trainDatasetId,
		@Schema(description = "Dataset to score candidates on; when omitted, the train set is split with the job's "
				+ "seed: min(1000, floor(0.8 n)) examples validate and the rest train (it then needs at least 10)") UUID devDatasetId,
		@Schema(description = "Optional held-out dataset: baseline and optimized programs are scored on it at the end") UUID testDatasetId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) ProgramSpec program,
		@Schema(description = "A metric name (exact_match, f1, contains, numeric, or a custom metric's), or an object "
				+ "with a type: {\"type\": \"exact_match\", \"field\": \"answer\", \"aliases\": \"|\"}; "
				+ "{\"type\": \"llm_judge\", \"rubric\": \"...\", \"scale\": 5, \"model\": {\"model\": \"...\"}} "
				+ "(judge model default: the prompt model, always at temperature 0); {\"type\": \"semantic_f1\", "
				+ "\"model\": {...}}; {\"type\": \"weighted\", \"parts\": [{\"metric\": <name or object>, "
				+ "\"weight\": 0.7}, ...]}. An unknown name is a 400 listing the available ones.",
				defaultValue = "exact_match") MetricSpec metric,
		OptimizerSpec optimizer,
		@Schema(description = "Proposes instructions and summarizes the data") ModelSpec promptModel,
		@Schema(description = "Runs the program being optimized") ModelSpec taskModel,
		@Schema(description = "Runs the bootstrapping (the demo-generating traces), as DSPy's teacher settings; "
				+ "default: the task model") ModelSpec teacherModel) {

	/** A request without a teacher model (the task model bootstraps). */
	public JobRequest(String name, UUID trainDatasetId, UUID devDatasetId, UUID testDatasetId, ProgramSpec program,
			MetricSpec metric, OptimizerSpec optimizer, ModelSpec promptModel, ModelSpec taskModel) {
		this(name, trainDatasetId, devDatasetId, testDatasetId, program, metric, optimizer, promptModel, taskModel,
				null);
	}

	/** This request with another program (a job starting from a registered program takes that program's shape). */
	public JobRequest withProgram(ProgramSpec other) {
		return new JobRequest(name, trainDatasetId, devDatasetId, testDatasetId, other, metric, optimizer, promptModel,
				taskModel, teacherModel);
	}

	/** A request whose metric is given by name. */
	public JobRequest(String name, UUID trainDatasetId, UUID devDatasetId, UUID testDatasetId, ProgramSpec program,
			String metric, OptimizerSpec optimizer, ModelSpec promptModel, ModelSpec taskModel) {
		this(name, trainDatasetId, devDatasetId, testDatasetId, program, metric == null ? null : MetricSpec.named(metric),
				optimizer, promptModel, taskModel);
	}

	/**
	 * The program: either one module ({@code signature}, {@code instructions}, {@code module}, {@code descriptions}),
	 * which stands for a bare {@code dspy.Predict} or {@code dspy.ChainOfThought}, or a pipeline ({@code modules}),
	 * which stands for a {@code dspy.Module} whose attributes are the modules' names.
	 */
	@Schema(description = "The program to optimize: one module (signature, instructions, module, descriptions) or a "
			+ "pipeline (modules)")
	public record ProgramSpec(
			@Schema(description = "DSPy signature; types: str (default), int, float, bool, Literal['a', 'b']",
					example = "context, question -> answer") String signature,
			@Schema(description = "The starting instructions; defaults to DSPy's 'Given the fields ...'",
					example = "Answer the question based on the given context.") String instructions,
			@Schema(description = "predict or chain_of_thought", example = "predict", defaultValue = "predict") String module,
			@Schema(description = "Optional descriptions by field name") Map<String, String> descriptions,
			@Schema(description = "A pipeline of modules run in order; each reads its inputs from the example or from "
					+ "an earlier module's outputs, and the last module's outputs are scored") List<ModuleSpec> modules,
			@Schema(description = "Start from this registered program (its shape, instructions and demos) instead of "
					+ "giving `signature` or `modules`: multi-stage optimization") UUID fromProgramId) {

		/** The one-module form. */
		public ProgramSpec(String signature, String instructions, String module, Map<String, String> descriptions) {
			this(signature, instructions, module, descriptions, null, null);
		}

		/** A program given in full (not from a registered program). */
		public ProgramSpec(String signature, String instructions, String module, Map<String, String> descriptions,
				List<ModuleSpec> modules) {
			this(signature, instructions, module, descriptions, modules, null);
		}

	}

	/** One module of a pipeline: a predictor ({@code module} predict or chain_of_thought) or a retrieve step. */
	@Schema(description = "A module of a pipeline: a predictor, or a retrieve step over a corpus dataset")
	public record ModuleSpec(
			@Schema(description = "The module's attribute name in the program (an identifier)", example = "find",
					requiredMode = Schema.RequiredMode.REQUIRED) String name,
			@Schema(description = "Its signature; for a retrieve step `query -> passages` (any two names)",
					example = "context, question -> evidence", requiredMode = Schema.RequiredMode.REQUIRED) String signature,
			@Schema(description = "Starting instructions (predictors only)") String instructions,
			@Schema(description = "predict, chain_of_thought, or retrieve (implied by `retrieve`)", example = "predict",
					defaultValue = "predict") String module,
			@Schema(description = "Optional descriptions by field name (predictors only)") Map<String, String> descriptions,
			@Schema(description = "Makes this a retrieve step") RetrieveSpec retrieve) {
	}

	/** A BM25 search over a corpus dataset. */
	@Schema(description = "A BM25 search over a corpus dataset; the k best passages become a numbered list")
	public record RetrieveSpec(
			@Schema(description = "The dataset holding one passage per example", requiredMode = Schema.RequiredMode.REQUIRED) UUID corpusDatasetId,
			@Schema(description = "The field of the corpus that holds the passage text", example = "passage",
					requiredMode = Schema.RequiredMode.REQUIRED) String textField,
			@Schema(description = "Passages to retrieve, 1 to 50", example = "3", defaultValue = "3") Integer k) {
	}

	/** MIPROv2 settings; null means the default shown. */
	@Schema(description = "MIPROv2 settings; omitted values take the defaults shown")
	public record OptimizerSpec(
			@Schema(description = "light, medium, heavy, or null with numCandidates and numTrials", example = "light", defaultValue = "light") String auto,
			@Schema(description = "Instruction and demo-set candidates (only without auto)") Integer numCandidates,
			@Schema(description = "Search trials (only without auto)") Integer numTrials,
			@Schema(defaultValue = "4") Integer maxBootstrappedDemos,
			@Schema(defaultValue = "4") Integer maxLabeledDemos,
			@Schema(description = "Score trials on minibatches (under auto: on when the valset has more than 50 examples)", defaultValue = "true") Boolean minibatch,
			@Schema(defaultValue = "35") Integer minibatchSize,
			@Schema(defaultValue = "5") Integer minibatchFullEvalSteps,
			@Schema(defaultValue = "1.0") Double initTemperature,
			@Schema(description = "Rounds of proposals; round r proposes at initTemperature * exp(-0.1 r)", defaultValue = "1") Integer proposalRounds,
			@Schema(defaultValue = "9") Long seed,
			@Schema(description = "Stop (keeping the best program so far) after this many model calls") Long maxLmCalls,
			@Schema(description = "Bootstrapped runs are kept when the metric reaches this; default any non-zero score") Double metricThreshold,
			@Schema(description = "Examples evaluated in parallel", defaultValue = "8") Integer numThreads,
			@Schema(description = "reference: the reference's presets and choices exactly (to compare with DSPy); "
					+ "adaptive: the same budget spent on more instruction proposals, screened before they join the "
					+ "search", example = "adaptive", defaultValue = "adaptive") String strategy,
			@Schema(description = "Minibatch trials in flight at once (1 = the reference, one after another); more "
					+ "cuts wall time when the provider takes more concurrent calls", defaultValue = "1") Integer parallelTrials,
			@Schema(description = "Stop (keeping the best program so far) once the calls sent used this many input "
					+ "and output tokens; checked before each step, so it is exceeded by at most one step") Long maxTokens,
			@Schema(description = "Stop (keeping the best program so far) once the calls sent cost this many US "
					+ "dollars at the configured prices (mipro.pricing); checked before each step, so it is exceeded "
					+ "by at most one step", example = "0.5") Double maxCostUsd) {

		/** The settings without token and cost budgets. */
		public OptimizerSpec(String auto, Integer numCandidates, Integer numTrials, Integer maxBootstrappedDemos,
				Integer maxLabeledDemos, Boolean minibatch, Integer minibatchSize, Integer minibatchFullEvalSteps,
				Double initTemperature, Integer proposalRounds, Long seed, Long maxLmCalls, Double metricThreshold,
				Integer numThreads, String strategy, Integer parallelTrials) {
			this(auto, numCandidates, numTrials, maxBootstrappedDemos, maxLabeledDemos, minibatch, minibatchSize,
					minibatchFullEvalSteps, initTemperature, proposalRounds, seed, maxLmCalls, metricThreshold,
					numThreads, strategy, parallelTrials, null, null);
		}

		/** Every setting left to its default. */
		public static OptimizerSpec defaults() {
			return new OptimizerSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
					null, null, null, null);
		}

	}

	/** A model name and call options; the endpoint and key are server configuration. */
	@Schema(description = "A model and its call options")
	public record ModelSpec(@Schema(example = "gpt-4o-mini", defaultValue = "gpt-4o-mini") String model,
			@Schema(description = "0..2; null leaves the provider default") Double temperature,
			@Schema(description = "Maximum output tokens; null leaves the provider default") Integer maxTokens) {
	}

}
