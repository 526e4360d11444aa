package io.mipro.dataset.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation of the JSON body; the body itself is parsed by a streaming reader that reports line numbers. */
@Schema(description = "A dataset given inline")
record DatasetUpload(@Schema(description = "Dataset name (at most 200 characters)", example = "qa-dev") String name,
		@Schema(description = "Flat objects with the same fields; values are strings, numbers or booleans",
				requiredMode = Schema.RequiredMode.REQUIRED) List<Map<String, Object>> examples) {
}
