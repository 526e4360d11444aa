package io.mipro.program;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a program answered for one input. */
@Schema(description = "The program's outputs, each predictor's inputs and outputs in order, and the usage")
public record PredictResponse(
		@Schema(description = "Every output of the program's modules; the last module's are its answer") Map<String, String> outputs,
		@Schema(description = "Each predictor's call in order: its inputs and outputs") List<TraceStep> trace,
		@Schema(description = "True when the model's answer could not be parsed, even after the JSON retry") boolean parseFailed,
		@Schema(description = "Why it could not be parsed") String failure,
		ServingUsage usage) {

	/** One predictor call. */
	@Schema(description = "One predictor call: its module's name, inputs and outputs")
	public record TraceStep(@Schema(example = "answer") String module, Map<String, String> inputs,
			Map<String, String> outputs) {
	}

	/** Calls and tokens spent, counted as jobs count them. */
	@Schema(description = "Requests sent to the provider (retries included), requests answered from the response cache, "
			+ "tokens, and corpus searches")
	public record ServingUsage(long taskModelCalls, long cachedCalls, long inputTokens, long outputTokens,
			long retriedCalls, long retrievals) {
	}

}
