package io.mipro.job.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mipro.job.CandidateView;
import io.mipro.job.DemoSetView;
import io.mipro.job.JobEstimate;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.Jobs;
import io.mipro.job.TrialView;
import io.mipro.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/jobs")
@Tag(name = "Jobs", description = "MIPROv2 optimization jobs: submit, watch, compare, download the optimized program")
class JobController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final Jobs jobs;

	private final JobEventStreams streams;

	JobController(Jobs jobs, JobEventStreams streams) {
		this.jobs = jobs;
		this.streams = streams;
	}

	@Operation(operationId = "createJob", summary = "Submit an optimization job",
			description = "Validated synchronously against the datasets (the signature's fields must exist in them; the "
					+ "optimizer settings must fit together and fit the data), then queued. Poll the `Location`.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = JobRequest.class),
			examples = @ExampleObject(value = """
					{"name": "qa-demo", "trainDatasetId": "0b6f3a52-2f0e-4c55-9d7e-2b0e8a3c9f11",
					 "devDatasetId": "5d1c2e77-6a0b-4f0e-8d52-6b0d1f7e2a90",
					 "program": {"signature": "context, question -> answer",
					             "instructions": "Answer the question based on the given context.", "module": "predict"},
					 "metric": "exact_match",
					 "optimizer": {"auto": "light", "seed": 9},
					 "promptModel": {"model": "gpt-4o-mini"}, "taskModel": {"model": "gpt-4o-mini"}}""")))
	@ApiResponse(responseCode = "202", description = "Queued; `Location` names the job",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobView.class),
					examples = @ExampleObject(name = "queued", value = """
							{"id": "4f1e2d3c-5b6a-4789-9abc-def012345678", "name": "qa-demo", "status": "QUEUED", "phase": null,
							 "progress": {"completedTrials": 0, "totalTrials": 13, "fullEvaluations": 0},
							 "baselineScore": null, "bestScore": null, "bestFullEvalTrial": null, "baselineTestScore": null, "testScore": null,
							 "lmUsage": {"promptModelCalls": 0, "taskModelCalls": 0, "cachedCalls": 0, "inputTokens": 0, "outputTokens": 0, "retriedCalls": 0, "retrievals": 0, "judgeModelCalls": 0, "costUsd": 0.0, "unpricedCalls": 0},
							 "provider": "simulated", "simulated": true,
							 "notice": "Simulated model: a deterministic extractive reader used when no OpenAI key is configured. Its scores show the optimizer at work; they are not the accuracy of a language model.",
							 "stopReason": null, "error": null,
							 "predictors": [{"index": 0, "name": "self", "module": "predict", "path": "self", "signature": "context, question -> answer",
							  "bestInstruction": "Answer the question based on the given context.", "bestInstructionIndex": 0, "bestDemoSet": null}],
							 "trainDatasetId": "0b6f3a52-2f0e-4c55-9d7e-2b0e8a3c9f11", "devDatasetId": "5d1c2e77-6a0b-4f0e-8d52-6b0d1f7e2a90",
							 "testDatasetId": null, "split": null, "createdAt": "2026-11-30T10:00:00Z", "startedAt": null, "finishedAt": null}""")))
	@ApiResponse(responseCode = "400", description = "Invalid request: unknown dataset, missing field, bad settings",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> create(@RequestBody JobRequest request) {
		JobView view = jobs.create(request);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + view.id())).body(view);
	}

	@Operation(operationId = "estimateJob", summary = "Estimate a job's cost without running it",
			description = "Takes the body of `POST /api/jobs`, validates it the same way (the same 400s), and answers "
					+ "the planned steps and, per model role (prompt, task, judge), the expected and worst-case "
					+ "provider calls, tokens and US dollars at the configured prices (`mipro.pricing`). Calls no "
					+ "model and stores nothing.")
	@ApiResponse(responseCode = "200", description = "The estimate")
	@ApiResponse(responseCode = "400", description = "Invalid request, as for creating the job",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/estimate", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	JobEstimate estimate(@RequestBody JobRequest request) {
		return jobs.estimate(request);
	}

	@Operation(operationId = "listJobs", summary = "List jobs, newest first, optionally by status")
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PageResponse<JobView> list(
			@Parameter(description = "Only jobs with this status") @RequestParam(name = "status", required = false) JobStatus status,
			@Parameter(description = "0-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1..500") @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(500) int size) {
		return PageResponse.of(jobs.list(status, page, size));
	}

	@Operation(operationId = "getJob", summary = "Get a job: status, phase, progress, scores, model usage")
	@ApiResponse(responseCode = "200", description = "The job")
	@ApiResponse(responseCode = "404", description = "No such job",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	JobView get(@PathVariable("id") UUID id) {
		return jobs.get(id);
	}

	@Operation(operationId = "listJobCandidates", summary = "Instruction candidates with their round, tip, temperature and scores")
	@GetMapping(path = "/{id}/candidates", produces = MediaType.APPLICATION_JSON_VALUE)
	List<CandidateView> candidates(@PathVariable("id") UUID id) {
		return jobs.candidates(id);
	}

	@Operation(operationId = "listJobDemoSets", summary = "Candidate demo sets")
	@GetMapping(path = "/{id}/demo-sets", produces = MediaType.APPLICATION_JSON_VALUE)
	List<DemoSetView> demoSets(@PathVariable("id") UUID id) {
		return jobs.demoSets(id);
	}

	@Operation(operationId = "listJobTrials", summary = "Trials in order: kind (minibatch or full), chosen indices, score, batch size, duration, usage")
	@GetMapping(path = "/{id}/trials", produces = MediaType.APPLICATION_JSON_VALUE)
	List<TrialView> trials(@PathVariable("id") UUID id) {
		return jobs.trials(id);
	}

	@Operation(operationId = "streamJobEvents", summary = "Stream the job's events (Server-Sent Events)",
			description = """
					Replays the stored events, then pushes new ones as the job stores them, until the job ends (then \
					the stream closes). Idle streams carry a `:keepalive` comment every 15 s; a stream closes after \
					30 min (reconnect). \
					Each message has an `id` (its sequence number: reconnect with `Last-Event-ID` to continue), an \
					`event` name and a JSON `data` object. The operation's `x-sse-events` maps each event name to \
					the schema of its data:

					| event | when | data schema |
					| --- | --- | --- |
					| `status` | the status changed (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED) or a cancel was requested | `StatusEvent` |
					| `phase` | the optimizer entered another phase | `PhaseEvent` |
					| `demo-set` | a candidate demo set was built | `DemoSetEvent` |
					| `dataset-summary` | the training data was summarized | `DatasetSummaryEvent` |
					| `candidate` | an instruction was proposed | `CandidateEvent` |
					| `proposal-dropped` | a proposal was discarded | `ProposalDroppedEvent` |
					| `screened` | the adaptive strategy screened a round's proposals and kept the best | `ScreenedEvent` |
					| `trial` | a trial was scored (minibatch, full or screening) | `TrialEvent` |
					| `new-best` | a full evaluation beat the best so far | `TrialEvent` |
					| `full-evaluation-skipped` | no combination was left to evaluate in full | `FullEvaluationSkippedEvent` |
					| `test-scores` | baseline and best were scored on the test set | `TestScoresEvent` |
					| `finished` | the search ended | `FinishedEvent` |

					Example: `id: 42`, `event: trial`, \
					`data: {"number":6,"kind":"minibatch","role":"objective","round":0,"params":{"0_predictor_instruction":2,"0_predictor_demos":1},"score":45.0,"batchSize":20}`.""")
	@ApiResponse(responseCode = "200", description = "The event stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
					description = "Server-Sent Events; see the operation's description and `x-sse-events`")))
	@ApiResponse(responseCode = "503", description = "Too many event streams are open; poll the job instead",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	// no `produces`: the emitter always answers text/event-stream, and clients generated from the API docs send an
	// Accept header that lists the problem type too (the documented error answers), which `produces` would refuse
	@GetMapping(path = "/{id}/events")
	SseEmitter events(@PathVariable("id") UUID id,
			@RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) {
		jobs.get(id);
		return streams.open(id, lastEventId == null ? 0 : lastEventId);
	}

	@Operation(operationId = "cancelJob", summary = "Cancel a job", description = "A queued job is cancelled at once; a running one stops after "
			+ "its current step (at most one trial) and keeps what it stored.")
	@ApiResponse(responseCode = "202", description = "Cancelled (a queued job), or cancellation requested (a running "
			+ "job: it stays RUNNING until its current step ends)")
	@ApiResponse(responseCode = "409", description = "The job already ended",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> cancel(@PathVariable("id") UUID id) {
		return ResponseEntity.accepted().body(jobs.cancel(id));
	}

	@Operation(operationId = "resumeJob", summary = "Resume a failed job", description = "Queues a FAILED job again (for example once its model "
			+ "provider is back); it continues from its last persisted step and pays for nothing twice.")
	@ApiResponse(responseCode = "202", description = "Queued again")
	@ApiResponse(responseCode = "409", description = "The job is not FAILED, or one of its datasets is gone",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> resume(@PathVariable("id") UUID id) {
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + id)).body(jobs.resume(id));
	}

	@Operation(operationId = "deleteJob", summary = "Delete a finished job and everything it stored")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "409", description = "The job is queued or running",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable("id") UUID id) {
		jobs.delete(id);
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "downloadJobArtifact", summary = "Download the optimized program",
			description = "DSPy's saved-program JSON (`program.load(path)` in DSPy) with our provenance under "
					+ "`mipro_service`.")
	@ApiResponse(responseCode = "200", description = "The artifact, as an attachment",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = DspyProgramSchema.class)))
	@ApiResponse(responseCode = "409", description = "The job has not succeeded",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}/artifact", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> artifact(@PathVariable("id") UUID id) {
		Map.Entry<String, String> artifact = jobs.artifact(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(artifact.getKey()).build().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(artifact.getValue());
	}

}
