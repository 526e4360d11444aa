package io.mipro.evaluation;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One scored example of an evaluation run. */
@Schema(description = "One example of the dataset, what the program answered and its score")
public record EvaluationResultView(
		@Schema(description = "The example's position in the dataset (0-based)", example = "0") int index,
		@Schema(description = "The example as stored in the dataset") Map<String, String> example,
		@Schema(description = "What the program output (empty when its answer could not be parsed)") Map<String, String> prediction,
		@Schema(description = "The metric's score for it, 0..1", example = "1.0") double score,
		@Schema(description = "True when the model's answer could not be parsed, even after the JSON retry") boolean parseFailed,
		@Schema(description = "Why it could not be parsed") String failure) {
}
