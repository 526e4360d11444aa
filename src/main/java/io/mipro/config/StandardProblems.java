package io.mipro.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the problems every operation can answer with, consistently: a 404 wherever a path names an id, a 400
 * wherever there are parameters, a 415 wherever there is a body, and a realistic example (the member values a real
 * answer has) on every problem response that has none. Answers an operation documents itself are left alone, except
 * that they get an example when they lack one.
 */
final class StandardProblems implements OpenApiCustomizer {

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String JOB_ID = "4f1e2d3c-5b6a-4789-9abc-def012345678";

	private static final String DATASET_ID = "0b6f3a52-2f0e-4c55-9d7e-2b0e8a3c9f11";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses responses = operation.getResponses();
			if (path.contains("{id}")) {
				addIfMissing(responses, "404", path.startsWith("/api/datasets") ? "No such dataset" : "No such job");
			}
			if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
				addIfMissing(responses, "400", "A parameter is malformed or out of range");
			}
			if (operation.getRequestBody() != null) {
				addIfMissing(responses, "415", "The body's content type is not one this operation reads");
			}
			responses.forEach((code, response) -> exampleIfMissing(path, method, code, response));
		}));
	}

	private static void addIfMissing(ApiResponses responses, String code, String description) {
		if (!responses.containsKey(code)) {
			responses.addApiResponse(code, new ApiResponse().description(description)
				.content(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
		}
	}

	private static void exampleIfMissing(String path, PathItem.HttpMethod method, String code, ApiResponse response) {
		if (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON)) {
			return;
		}
		MediaType media = response.getContent().get(PROBLEM_JSON);
		if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())) {
			return;
		}
		media.setExample(example(path, method, Integer.parseInt(code)));
	}

	/** What a real answer with this status looks like on this path (see the problem factories in each module). */
	static Map<String, Object> example(String path, PathItem.HttpMethod method, int status) {
		Map<String, Object> registry = registryExample(path, method, status);
		if (registry != null) {
			return registry;
		}
		boolean datasets = path.startsWith("/api/datasets");
		String instance = path.replace("{id}", datasets ? DATASET_ID : JOB_ID);
		return switch (status) {
			case 400 -> method == PathItem.HttpMethod.POST && path.equals("/api/jobs")
					? problem("urn:mipro:problem:invalid-job", "Invalid job request", 400,
							"The train dataset `qa-train` lacks field `context`, which the signature names; its fields "
									+ "are [question, answer].",
							instance)
					: path.endsWith("{id}") || path.contains("{id}/")
							? parameter(instance.replace(datasets ? DATASET_ID : JOB_ID, "42"), "id", "42",
									"`id` cannot be `42`: expected a UUID.")
							: parameter(instance, "size", "-1", "`size` must be between 1 and 500; got -1.");
			case 401 -> problem("urn:mipro:problem:unauthorized", "Unauthorized", 401,
					"This API needs a valid key in the X-API-Key header.", instance);
			case 404 -> datasets
					? with(problem("urn:mipro:problem:dataset-not-found", "Dataset not found", 404,
							"No dataset with id " + DATASET_ID + ".", instance), "datasetId", DATASET_ID)
					: problem("urn:mipro:problem:job-not-found", "Job not found", 404, "No job with id " + JOB_ID + ".",
							instance);
			case 409 -> datasets
					? with(problem("urn:mipro:problem:dataset-in-use", "Dataset in use", 409, "Dataset " + DATASET_ID
							+ " is used by job " + JOB_ID + " (RUNNING); cancel or finish it first.", instance),
							"datasetId", DATASET_ID)
					: problem("urn:mipro:problem:job-conflict", "Job state conflict", 409,
							"Job " + JOB_ID + " is RUNNING; its artifact is available once it has SUCCEEDED.", instance);
			case 413 -> datasets
					? problem("urn:mipro:problem:dataset-too-large", "Dataset too large", 413,
							"The upload is larger than 10485760 bytes (mipro.datasets.max-upload-size).", instance)
					: problem("urn:mipro:problem:body-too-large", "Body too large", 413,
							"The request body is larger than 262144 bytes (mipro.api.max-json-body).", instance);
			case 415 -> with(problem("about:blank", "Unsupported media type", 415,
					"Content type `text/plain` is not supported here; send application/json.", instance), "supported",
					List.of("application/json"));
			case 503 -> problem("about:blank", "Service Unavailable", 503,
					"64 event streams are open; poll the job instead.", instance);
			default -> problem("about:blank", "Error", status, "The request failed.", instance);
		};
	}

	/** The program registry's and evaluation runs' answers (see ProgramProblems, EvaluationProblems); else null. */
	private static Map<String, Object> registryExample(String path, PathItem.HttpMethod method, int status) {
		String instance = path.replace("{id}", JOB_ID);
		boolean programs = path.startsWith("/api/programs");
		boolean evaluations = path.startsWith("/api/evaluations");
		boolean jobPrograms = path.equals("/api/jobs/{id}/programs");
		if (!programs && !evaluations && !jobPrograms) {
			return null;
		}
		return switch (status) {
			case 400 -> method != PathItem.HttpMethod.POST || jobPrograms ? null : evaluations
					? with(problem("urn:mipro:problem:invalid-evaluation", "Invalid evaluation request", 400,
							"`datasetId`: no dataset with id " + DATASET_ID + "; upload it first.", instance), "field",
							"datasetId")
					: path.endsWith("/predict") || path.endsWith("/batch")
							? with(problem("urn:mipro:problem:invalid-program", "Invalid program request", 400,
									"`inputs` lacks `question`; the program reads [context, question].", instance),
									"field", "inputs.question")
							: with(problem("urn:mipro:problem:invalid-program", "Invalid program request", 400,
									"`artifact`: the file has no entry `find` for module `find`.", instance), "field",
									"artifact");
			case 404 -> jobPrograms ? null : programs
					? problem("urn:mipro:problem:program-not-found", "Program not found", 404,
							"No program with id " + JOB_ID + ".", instance)
					: problem("urn:mipro:problem:evaluation-not-found", "Evaluation not found", 404,
							"No evaluation with id " + JOB_ID + ".", instance);
			case 409 -> evaluations
					? problem("urn:mipro:problem:job-conflict", "Job state conflict", 409,
							"Evaluation " + JOB_ID + " already ended (SUCCEEDED).", instance)
					: problem("urn:mipro:problem:program-conflict", "Program state conflict", 409, jobPrograms
							? "Job " + JOB_ID + " is RUNNING; its programs can be registered once it has SUCCEEDED."
							: "Program " + JOB_ID + " is in use by 1 queued or running job or evaluation; cancel them "
									+ "or wait.", instance);
			case 502 -> problem("urn:mipro:problem:model-provider-failed", "Model provider failed", 502,
					"The model provider failed after its retries: 503 Service Unavailable", instance);
			default -> null;
		};
	}

	private static Map<String, Object> parameter(String instance, String name, String value, String detail) {
		return with(with(problem("about:blank", "Invalid parameter", 400, detail, instance), "parameter", name), "value",
				value);
	}

	private static Map<String, Object> problem(String type, String title, int status, String detail, String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", instance);
		return problem;
	}

	private static Map<String, Object> with(Map<String, Object> problem, String name, Object value) {
		problem.put(name, value);
		return problem;
	}

}
