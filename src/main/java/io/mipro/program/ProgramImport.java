package io.mipro.program;

import java.util.Map;

import io.mipro.job.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** A DSPy saved program to register, with the pipeline spec that gives it its shape. */
@Schema(description = "A DSPy saved-program JSON and the pipeline spec it was saved from")
public record ProgramImport(
		@Schema(description = "A name for the program", example = "qa-stage-1") String name,
		@Schema(description = "The program's shape, as a job's `program` (one module or `modules`): every predictor "
				+ "of it must be in the artifact with matching fields", requiredMode = Schema.RequiredMode.REQUIRED) JobRequest.ProgramSpec program,
		@Schema(description = "The saved program, as DSPy's save() writes it (or as a job's artifact downloads)",
				requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Object> artifact,
		@Schema(description = "The model it runs with unless a request names another; default gpt-4o-mini") JobRequest.ModelSpec taskModel) {
}
