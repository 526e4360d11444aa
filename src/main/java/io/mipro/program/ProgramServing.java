package io.mipro.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import io.mipro.job.JobRequest;
import io.mipro.job.internal.CorpusRetrieval;
import io.mipro.llm.CachingLanguageModel;
import io.mipro.llm.LlmProperties;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.ResponseCache;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.optimizer.util.ParallelMap;
import io.mipro.program.Programs.Stored;
import io.mipro.web.SafeText;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Serving a registered program: one input or a batch, through the path jobs take (response cache, provider retries,
 * fleet-wide limits), answering outputs, each predictor's trace and the usage.
 */
@Service
public class ProgramServing {

	/** Inputs one batch request may carry. */
	public static final int MAX_BATCH = 100;

	/** Inputs of a batch run at once; the provider's per-model limits bound the calls further. */
	static final int BATCH_CONCURRENCY = 8;

	private final Programs programs;

	private final CorpusRetrieval retrieval;

	private final ModelProvider provider;

	private final ResponseCache cache;

	private final LlmProperties llm;

	private final ExecutorService executor;

	private final JsonMapper json;

	public ProgramServing(Programs programs, CorpusRetrieval retrieval, ModelProvider provider, ResponseCache cache,
			LlmProperties llm, ExecutorService evaluationExecutor, JsonMapper json) {
		this.programs = programs;
		this.retrieval = retrieval;
		this.provider = provider;
		this.cache = cache;
		this.llm = llm;
		this.executor = evaluationExecutor;
		this.json = json;
	}

	/** Runs the program on one input. */
	public PredictResponse predict(UUID id, PredictRequest request) {
		if (request == null) {
			throw ProgramProblems.invalid("The request body is missing.");
		}
		Stored stored = programs.stored(id);
		Example example = example(stored.program(), request.inputs(), "inputs");
		ModelSettings settings = settings(stored, request.taskModel());
		UsageCounter usage = new UsageCounter();
		Prediction prediction = run(stored.program(), settings, usage, example);
		return response(stored.program(), prediction, usage);
	}

	/** Runs the program on up to {@value #MAX_BATCH} inputs in parallel; answers in input order. */
	public BatchPredictResponse predictBatch(UUID id, BatchPredictRequest request) {
		if (request == null || request.inputs() == null || request.inputs().isEmpty()) {
			throw ProgramProblems.invalidField("inputs", "`inputs` is required: a list of 1 to " + MAX_BATCH
					+ " input objects.");
		}
		if (request.inputs().size() > MAX_BATCH) {
			throw ProgramProblems.invalidField("inputs", "`inputs` has " + request.inputs().size() + " items; at most "
					+ MAX_BATCH + " are allowed per batch.");
		}
		Stored stored = programs.stored(id);
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < request.inputs().size(); i++) {
			examples.add(example(stored.program(), request.inputs().get(i), "inputs[" + i + "]"));
		}
		ModelSettings settings = settings(stored, request.taskModel());
		UsageCounter total = new UsageCounter();
		List<PredictResponse> predictions = ParallelMap.map(examples.size(), BATCH_CONCURRENCY, executor, i -> {
			UsageCounter usage = new UsageCounter();
			Prediction prediction = run(stored.program(), settings, usage, examples.get(i));
			total.add(usage);
			return response(stored.program(), prediction, usage);
		});
		return new BatchPredictResponse(predictions, usage(total));
	}

	/**
	 * One run through the path jobs take: the response cache, then the provider with its retries and (fleet-wide)
	 * limits. A provider that fails for good is a 502 problem, never an answer.
	 */
	private Prediction run(Program program, ModelSettings settings, UsageCounter usage, Example example) {
		CachingLanguageModel model = new CachingLanguageModel(provider, llm.cache() ? cache : null, usage, json);
		try {
			return new ProgramRunner(model, settings, retrieval.of(program, usage)).run(program, example, "serve");
		}
		catch (LanguageModelException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
					"The model provider failed after its retries: " + ex.getMessage());
			problem.setType(java.net.URI.create("urn:mipro:problem:model-provider-failed"));
			problem.setTitle("Model provider failed");
			throw new ErrorResponseException(HttpStatus.BAD_GATEWAY, problem, ex);
		}
		catch (OptimizerException ex) {
			throw ProgramProblems.conflict(ex.getMessage());
		}
	}

	/** The example a program reads: a text for each field it reads from its input (extra fields are ignored). */
	private static Example example(Program program, Map<String, Object> inputs, String field) {
		if (inputs == null) {
			throw ProgramProblems.invalidField(field, "`" + field + "` is required: an object with "
					+ program.exampleInputs() + ".");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : program.exampleInputs()) {
			Object value = inputs.get(name);
			if (value == null) {
				throw ProgramProblems.invalidField(field + "." + name, "`" + field + "` lacks `" + name
						+ "`; the program reads " + program.exampleInputs() + ".");
			}
			if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
				throw ProgramProblems.invalidField(field + "." + name, "`" + field + "." + name
						+ "` must be a text, number or boolean.");
			}
			String text = String.valueOf(value);
			SafeText.problem(text).ifPresent(problem -> {
				throw ProgramProblems.invalidField(field + "." + name, "`" + field + "." + name + "` " + problem + ".");
			});
			values.put(name, text);
		}
		return new Example(values);
	}

	private static ModelSettings settings(Stored stored, JobRequest.ModelSpec override) {
		JobRequest.ModelSpec spec = override == null ? stored.taskModel() : Programs.model("taskModel", override);
		try {
			return new ModelSettings(spec.model(), spec.temperature(), spec.maxTokens());
		}
		catch (IllegalArgumentException ex) {
			throw ProgramProblems.invalidField("taskModel", "`taskModel`: " + ex.getMessage() + ".");
		}
	}

	private PredictResponse response(Program program, Prediction prediction, UsageCounter usage) {
		List<PredictResponse.TraceStep> trace = prediction.trace()
			.stream()
			.map(t -> new PredictResponse.TraceStep(program.predictor(t.predictorIndex()).name(), t.inputs(),
					t.outputs()))
			.toList();
		return new PredictResponse(prediction.values(), trace, prediction.parseFailed(), prediction.failure(),
				usage(usage));
	}

	private static PredictResponse.ServingUsage usage(UsageCounter counter) {
		var usage = counter.usage();
		return new PredictResponse.ServingUsage(usage.taskModelCalls(), usage.cachedCalls(), usage.inputTokens(),
				usage.outputTokens(), counter.retries(), usage.retrievals());
	}

}
