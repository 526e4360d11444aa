package io.mipro.job;

import io.swagger.v3.oas.annotations.media.Schema;

/** One predictor of a job's program, with the instruction and demo set of the best program so far. */
@Schema(description = "A predictor of the program and where the search stands for it")
public record PredictorView(
		@Schema(description = "Its position among the predictors (the i in trial parameters `{i}_predictor_*`)", example = "0") int index,
		@Schema(description = "The module's name", example = "find") String name,
		@Schema(description = "predict or chain_of_thought", example = "predict") String module,
		@Schema(description = "Its key in the artifact, as DSPy's named_predictors() names it", example = "find") String path,
		@Schema(example = "context, question -> evidence") String signature,
		@Schema(description = "The instruction of the best full-scored program so far (the original before the baseline)") String bestInstruction,
		@Schema(description = "Which instruction candidate that is (0 = the original)", example = "2") Integer bestInstructionIndex,
		@Schema(description = "The demo set of the best program so far (0 = no demos); null in zero-shot runs", example = "3") Integer bestDemoSet) {
}
