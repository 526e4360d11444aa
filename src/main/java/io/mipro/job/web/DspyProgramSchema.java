package io.mipro.job.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The documented shape of the artifact: a JSON object (DSPy's saved program), so that generated clients parse it as
 * JSON and save JSON, not a string.
 */
@Schema(name = "DspyProgram", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
		description = "DSPy's saved-program JSON as DSPy saves it: a single Predict flat (`demos`, `signature`, "
				+ "`lm: null`, ... at the top level), a ChainOfThought under `predict`, a pipeline by predictor path; "
				+ "`metadata.dependency_versions`; and this service's provenance under `mipro_service`, which DSPy "
				+ "ignores.")
record DspyProgramSchema(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "`dependency_versions` with `python`, `dspy` and `cloudpickle`") Map<String, Object> metadata,
		@JsonProperty("mipro_service") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Job, datasets (ids and content hashes), models, provider, settings, scores, timestamps; "
						+ "`simulated` and `notice` when the simulated model produced the scores") Map<String, Object> miproService) {
}
