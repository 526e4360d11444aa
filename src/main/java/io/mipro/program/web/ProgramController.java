package io.mipro.program.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mipro.program.BatchPredictRequest;
import io.mipro.program.BatchPredictResponse;
import io.mipro.program.PredictRequest;
import io.mipro.program.PredictResponse;
import io.mipro.program.ProgramImport;
import io.mipro.program.ProgramView;
import io.mipro.program.ProgramServing;
import io.mipro.program.Programs;
import io.mipro.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Programs", description = "The program registry: programs from finished jobs and imported DSPy programs, "
		+ "to download, serve, evaluate and optimize further")
class ProgramController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final Programs programs;

	private final ProgramServing serving;

	ProgramController(Programs programs, ProgramServing serving) {
		this.serving = serving;
		this.programs = programs;
	}

	@Operation(operationId = "registerJobPrograms", summary = "Register a finished job's programs",
			description = "Makes the job's best program and its starting (baseline) program programs of the registry. "
					+ "Idempotent: the first call registers them (201), later calls answer the same two (200).")
	@ApiResponse(responseCode = "201", description = "Registered now: the best program, then the baseline",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = ProgramView.class))))
	@ApiResponse(responseCode = "200", description = "Registered before: the same two programs")
	@ApiResponse(responseCode = "404", description = "No such job",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The job has not succeeded",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/api/jobs/{id}/programs", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<List<ProgramView>> fromJob(@PathVariable("id") UUID id) {
		Programs.Registered registered = programs.fromJob(id);
		return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(registered.programs());
	}

	@Operation(operationId = "importProgram", summary = "Import a DSPy saved program",
			description = "Validated against its pipeline spec: every predictor of the spec must be in the file with "
					+ "matching fields, and every demo must give one of its inputs and outputs.")
	@ApiResponse(responseCode = "201", description = "Imported; `Location` names the program")
	@ApiResponse(responseCode = "400", description = "Invalid spec or saved program; `module` and `field` name what",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/api/programs", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ProgramView> importProgram(@RequestBody ProgramImport request) {
		ProgramView view = programs.importProgram(request);
		return ResponseEntity.created(URI.create("/api/programs/" + view.id())).body(view);
	}

	@Operation(operationId = "listPrograms", summary = "List programs, newest first")
	@GetMapping(path = "/api/programs", produces = MediaType.APPLICATION_JSON_VALUE)
	PageResponse<ProgramView> list(
			@Parameter(description = "0-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1..500") @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(500) int size) {
		return programs.list(page, size);
	}

	@Operation(operationId = "getProgram", summary = "A program")
	@ApiResponse(responseCode = "200", description = "The program")
	@ApiResponse(responseCode = "404", description = "No such program",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/api/programs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ProgramView get(@PathVariable("id") UUID id) {
		return programs.get(id);
	}

	@Operation(operationId = "downloadProgram", summary = "Download the program as DSPy JSON",
			description = "DSPy's saved-program JSON (`program.load(path)` in DSPy); `mipro_service.program` names "
					+ "the program and where it came from.")
	@ApiResponse(responseCode = "200", description = "The saved program, as an attachment",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
	@ApiResponse(responseCode = "404", description = "No such program",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/api/programs/{id}/artifact", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> artifact(@PathVariable("id") UUID id) {
		Map.Entry<String, String> artifact = programs.artifact(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(artifact.getKey()).build().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(artifact.getValue());
	}

	@Operation(operationId = "deleteProgram", summary = "Delete a program")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such program",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "A queued or running job or evaluation uses it",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@DeleteMapping("/api/programs/{id}")
	ResponseEntity<Void> delete(@PathVariable("id") UUID id) {
		programs.delete(id);
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "predict", summary = "Run the program on one input",
			description = "Runs every module in order with the task model (the program's, or `taskModel`), through the "
					+ "response cache and the provider's retries and limits, as jobs do.")
	@ApiResponse(responseCode = "200", description = "The outputs, the trace and the usage")
	@ApiResponse(responseCode = "400", description = "An input the program reads is missing or not a scalar; `field` names it",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such program",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "502", description = "The model provider failed after its retries",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/api/programs/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	PredictResponse predict(@PathVariable("id") UUID id, @RequestBody PredictRequest request) {
		return serving.predict(id, request);
	}

	@Operation(operationId = "predictBatch", summary = "Run the program on up to 100 inputs",
			description = "The inputs run in parallel within the provider's limits; answers come in input order.")
	@ApiResponse(responseCode = "200", description = "One prediction per input and the batch's usage")
	@ApiResponse(responseCode = "400", description = "No inputs, more than 100, or one lacks a field the program reads",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such program",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "502", description = "The model provider failed after its retries",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/api/programs/{id}/predict/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	BatchPredictResponse predictBatch(@PathVariable("id") UUID id, @RequestBody BatchPredictRequest request) {
		return serving.predictBatch(id, request);
	}

}
