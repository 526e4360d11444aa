package io.mipro.program;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.mipro.job.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** A registered program as its users see it. */
@Schema(description = "A program in the registry: a job's best or baseline program, or an imported DSPy program")
public record ProgramView(UUID id, @Schema(example = "qa-demo (best)") String name,
		@Schema(description = "job-best, job-baseline or import", example = "job-best") String source,
		@Schema(description = "The job it came from (job-best, job-baseline)") UUID jobId,
		@Schema(description = "Its shape: one module or a pipeline, as a job's `program`") JobRequest.ProgramSpec program,
		@Schema(description = "The model it runs with unless a request names another") JobRequest.ModelSpec taskModel,
		@Schema(description = "Its predictors with their instructions and demo counts") List<Predictor> predictors,
		Instant createdAt) {

	/** One predictor of the program. */
	@Schema(name = "ProgramPredictor", description = "A predictor of a stored program")
	public record Predictor(@Schema(example = "find") String name,
			@Schema(description = "predict or chain_of_thought", example = "predict") String module,
			@Schema(description = "Its key in the DSPy JSON", example = "find") String path,
			@Schema(example = "context, question -> evidence") String signature, String instructions,
			@Schema(description = "Demos it shows the model", example = "4") int demos) {
	}

}
