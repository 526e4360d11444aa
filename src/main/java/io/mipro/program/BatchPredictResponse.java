package io.mipro.program;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A batch's answers, in input order, and what the whole batch spent. */
@Schema(description = "One prediction per input, in input order, and the usage of the whole batch")
public record BatchPredictResponse(List<PredictResponse> predictions, PredictResponse.ServingUsage usage) {
}
