package io.mipro.job.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.job.TrialView;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The documented payloads of the job event stream ({@code GET /api/jobs/{id}/events}): one schema per SSE event name,
 * published under {@code components.schemas} and named from the operation's {@code x-sse-events} map. A contract
 * test compares them with the events a real job streams.
 */
final class JobEventSchemas {

	private JobEventSchemas() {
	}

	/** SSE event name to the record that documents its {@code data}, in the order a job emits them. */
	static Map<String, Class<?>> byEventName() {
		Map<String, Class<?>> events = new LinkedHashMap<>();
		events.put("status", StatusEvent.class);
		events.put("phase", PhaseEvent.class);
		events.put("demo-set", DemoSetEvent.class);
		events.put("dataset-summary", DatasetSummaryEvent.class);
		events.put("candidate", CandidateEvent.class);
		events.put("proposal-dropped", ProposalDroppedEvent.class);
		events.put("screened", ScreenedEvent.class);
		events.put("trial", TrialEvent.class);
		events.put("new-best", TrialEvent.class);
		events.put("full-evaluation-skipped", FullEvaluationSkippedEvent.class);
		events.put("test-scores", TestScoresEvent.class);
		events.put("finished", FinishedEvent.class);
		return events;
	}

	@Schema(description = "`status`: the job's status changed, or a cancel was requested of a running job",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record StatusEvent(
			@Schema(description = "The new status; absent when only a cancel was requested",
					allowableValues = { "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED" }) String status,
			@Schema(description = "Why a job went back to the queue", example = "resumed") String reason,
			@Schema(description = "Why the job failed") String error,
			@Schema(description = "The instance that claimed the job (RUNNING)") String instance,
			@Schema(description = "The how-manieth claim of this job (RUNNING)", example = "1") Integer attempt,
			@Schema(description = "True when a running job was asked to stop after its current step") Boolean cancelRequested) {
	}

	@Schema(description = "`phase`: the optimizer moved to another phase",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record PhaseEvent(
			@Schema(description = "Absent or null for the first phase", example = "PROPOSING",
					allowableValues = { "BOOTSTRAPPING", "PROPOSING", "SEARCHING", "FINALIZING", "DONE" }) String from,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "SEARCHING",
					allowableValues = { "BOOTSTRAPPING", "PROPOSING", "SEARCHING", "FINALIZING", "DONE" }) String to) {
	}

	@Schema(description = "`demo-set`: a candidate demo set was built",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record DemoSetEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2") int index,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "BOOTSTRAPPED",
					allowableValues = { "ZERO_SHOT", "STARTING", "LABELED", "BOOTSTRAPPED", "SHUFFLED_BOOTSTRAP" }) String kind,
			@Schema(description = "Demos in the set", requiredMode = Schema.RequiredMode.REQUIRED, example = "4") int demos) {
	}

	@Schema(description = "`dataset-summary`: the prompt model summarized the training data",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record DatasetSummaryEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String summary) {
	}

	@Schema(description = "`candidate`: an instruction candidate was proposed",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record CandidateEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int predictor,
			@Schema(description = "The predictor's module name", example = "find") String predictorName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1") int index,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int round,
			@Schema(description = "The prompting tip the proposal drew", example = "simple") String tip,
			@Schema(example = "1.0") Double temperature,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String instruction) {
	}

	@Schema(description = "`proposal-dropped`: a proposal was discarded (for example a duplicate)",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record ProposalDroppedEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int predictor,
			@Schema(description = "The predictor's module name", example = "find") String predictorName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int round,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
	}

	@Schema(description = "`screened`: the adaptive strategy screened a round's proposals once each and kept the best",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record ScreenedEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int predictor,
			@Schema(description = "The predictor's module name", example = "find") String predictorName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int round,
			@Schema(description = "Proposals screened", requiredMode = Schema.RequiredMode.REQUIRED, example = "5") int screened,
			@Schema(description = "Examples each was screened on", requiredMode = Schema.RequiredMode.REQUIRED, example = "15") int examples,
			@Schema(description = "The demo set used for screening", requiredMode = Schema.RequiredMode.REQUIRED, example = "1") int demoSet,
			@Schema(description = "Instruction indices kept for the search", requiredMode = Schema.RequiredMode.REQUIRED) List<Integer> kept,
			@Schema(description = "What screening decided, in words") String note) {
	}

	@Schema(description = "`trial` (a trial was scored) and `new-best` (it is the best full evaluation so far)",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record TrialEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "6") int number,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "minibatch", "full" }) String kind,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					allowableValues = { "baseline", "objective", "periodic", "screening" }) String role,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int round,
			@Schema(description = "Chosen indices as MIPROv2 names them: `{i}_predictor_instruction`, `{i}_predictor_demos`",
					requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Integer> params,
			@Schema(description = "The same choices per predictor, by name") List<TrialView.Choice> predictors,
			@Schema(description = "Percentage in [0, 100]", requiredMode = Schema.RequiredMode.REQUIRED, example = "45.0") double score,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "20") int batchSize) {
	}

	@Schema(description = "`full-evaluation-skipped`: no combination was left to evaluate in full",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record FullEvaluationSkippedEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int afterMinibatchTrials) {
	}

	@Schema(description = "`test-scores`: baseline and optimized program were scored on the test set",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record TestScoresEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) double baselineTestScore,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) double testScore) {
	}

	@Schema(description = "`finished`: the search ended; the best trial and why it stopped early, if it did",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record FinishedEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int number,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "minibatch", "full" }) String kind,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					allowableValues = { "baseline", "objective", "periodic", "screening" }) String role,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int round,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Integer> params,
			@Schema(description = "The same choices per predictor, by name") List<TrialView.Choice> predictors,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) double score,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int batchSize,
			@Schema(description = "Why the search stopped before its planned trials (a budget); null otherwise") String stopReason) {
	}

}
