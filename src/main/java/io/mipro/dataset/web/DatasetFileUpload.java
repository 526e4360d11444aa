package io.mipro.dataset.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation of the multipart form: the parts the upload endpoint reads. */
@Schema(description = "A dataset file upload")
record DatasetFileUpload(
		@Schema(description = "The file: .json (array of flat objects), .jsonl or .csv with a header row",
				type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String file,
		@Schema(description = "Dataset name; defaults to the file name without extension",
				example = "qa-train") String name,
		@Schema(description = "Overrides the format implied by the file name",
				allowableValues = { "json", "jsonl", "csv" }) String format) {
}
