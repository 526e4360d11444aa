package io.mipro.job;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One trial of the search. */
@Schema(description = "A trial: a scored instruction x demo-set combination")
public record TrialView(int number,
		@Schema(description = "minibatch or full", example = "minibatch") String kind,
		@Schema(description = "baseline, objective (sampled by TPE) or periodic (best-mean full evaluation)") String role,
		int round,
		@Schema(description = "Chosen indices per predictor") List<Choice> predictors,
		@Schema(description = "The raw parameters as MIPROv2 names them") Map<String, Integer> params,
		double score, int batchSize, int parseFailures, long durationMillis,
		@Schema(description = "Model calls this trial made as the optimizer saw them: answered calls per model (retries not counted here) and cache hits") io.mipro.optimizer.spi.Usage usage) {

	/** One predictor's instruction and demo set in this trial. */
	public record Choice(@Schema(description = "The predictor's module name", example = "find") String predictor,
			int instruction, @Schema(description = "Null in zero-shot runs") Integer demoSet) {
	}

}
