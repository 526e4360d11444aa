package io.mipro.evaluation.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.mipro.evaluation.EvaluationRequest;
import io.mipro.evaluation.EvaluationResultView;
import io.mipro.evaluation.EvaluationView;
import io.mipro.evaluation.Evaluations;
import io.mipro.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/evaluations")
@Tag(name = "Evaluations", description = "Score a stored program on a dataset, asynchronously, with per-example results")
class EvaluationController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String JSONL = "application/x-ndjson";

	private final Evaluations evaluations;

	EvaluationController(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	@Operation(operationId = "createEvaluation", summary = "Start an evaluation run",
			description = "Checked synchronously (the program exists; the dataset has the fields it reads and outputs; "
					+ "the metric and model are valid), then queued on the job runner: resumable, cancellable, counted.")
	@ApiResponse(responseCode = "202", description = "Queued; `Location` names the run")
	@ApiResponse(responseCode = "400", description = "Invalid request; `field` names it",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EvaluationView> create(@RequestBody EvaluationRequest request) {
		EvaluationView view = evaluations.create(request);
		return ResponseEntity.accepted().location(URI.create("/api/evaluations/" + view.id())).body(view);
	}

	@Operation(operationId = "listEvaluations", summary = "List evaluation runs, newest first")
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PageResponse<EvaluationView> list(
			@Parameter(description = "0-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1..500") @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(500) int size) {
		return evaluations.list(page, size);
	}

	@Operation(operationId = "getEvaluation", summary = "An evaluation run: status, progress, and the score once done")
	@ApiResponse(responseCode = "200", description = "The run")
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	EvaluationView get(@PathVariable("id") UUID id) {
		return evaluations.get(id);
	}

	@Operation(operationId = "cancelEvaluation", summary = "Cancel an evaluation run",
			description = "A queued run is cancelled at once; a running one stops after its current batch of examples.")
	@ApiResponse(responseCode = "202", description = "Cancelled, or cancellation requested")
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The run already ended",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EvaluationView> cancel(@PathVariable("id") UUID id) {
		return ResponseEntity.accepted().body(evaluations.cancel(id));
	}

	@Operation(operationId = "resumeEvaluation", summary = "Resume a failed evaluation run",
			description = "Queues a FAILED run again (for example once its model provider is back); it goes on from its "
					+ "last stored batch and pays for no scored example twice.")
	@ApiResponse(responseCode = "202", description = "Queued again")
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The run is not FAILED, or its program or dataset is gone",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EvaluationView> resume(@PathVariable("id") UUID id) {
		return ResponseEntity.accepted().location(URI.create("/api/evaluations/" + id)).body(evaluations.resume(id));
	}

	@Operation(operationId = "listEvaluationResults", summary = "Per-example results, in dataset order")
	@ApiResponse(responseCode = "200", description = "A page of results")
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}/results", produces = MediaType.APPLICATION_JSON_VALUE)
	PageResponse<EvaluationResultView> results(@PathVariable("id") UUID id,
			@Parameter(description = "0-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1..500") @RequestParam(name = "size", defaultValue = "50") @Min(1) @Max(500) int size) {
		return evaluations.results(id, page, size);
	}

	@Operation(operationId = "downloadEvaluationResults", summary = "Download every result as JSON Lines",
			description = "One result object a line, in dataset order (the results stored so far while the run goes on).")
	@ApiResponse(responseCode = "200", description = "The results, as an attachment",
			content = @Content(mediaType = JSONL, schema = @Schema(implementation = EvaluationResultView.class)))
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}/results.jsonl", produces = JSONL)
	ResponseEntity<StreamingResponseBody> download(@PathVariable("id") UUID id) {
		evaluations.get(id);
		StreamingResponseBody body = out -> {
			Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
			evaluations.resultsJsonl(id, line -> {
				try {
					writer.write(line);
					writer.write('\n');
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			writer.flush();
		};
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("evaluation-" + id + ".jsonl").build().toString())
			.contentType(MediaType.parseMediaType(JSONL))
			.body(body);
	}

}
