package io.mipro.program;

import java.util.Map;

import io.mipro.job.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** One input to run a program on. */
@Schema(description = "Inputs for one run of the program")
public record PredictRequest(
		@Schema(description = "A value (text, number or boolean) for every field the program reads from its input",
				example = "{\"context\": \"Paris is the capital of France.\", \"question\": \"What is the capital of France?\"}",
				requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Object> inputs,
		@Schema(description = "Run with this model instead of the program's") JobRequest.ModelSpec taskModel) {
}
