package io.mipro.program;

import java.util.List;
import java.util.Map;

import io.mipro.job.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** Up to {@value ProgramServing#MAX_BATCH} inputs to run a program on, in parallel. */
@Schema(description = "Up to 100 inputs, run in parallel within the provider's limits")
public record BatchPredictRequest(
		@Schema(description = "1 to 100 inputs, each a value for every field the program reads",
				requiredMode = Schema.RequiredMode.REQUIRED) List<Map<String, Object>> inputs,
		@Schema(description = "Run with this model instead of the program's") JobRequest.ModelSpec taskModel) {
}
