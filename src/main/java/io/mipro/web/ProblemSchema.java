package io.mipro.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The documented shape of every error body (RFC 9457 {@code application/problem+json}), in place of Spring's
 * {@code ProblemDetail}, whose schema would show a {@code properties} map that responses never carry: the extra
 * members sit at the top level, and each appears only where it applies.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem. Beyond the standard members, a problem carries the "
		+ "members that apply to it: `line`, `example` and `field` for an upload; `parameter` and `value` for a bad "
		+ "query or path parameter; `supported` for an unsupported media type; `datasetId` for a dataset problem.")
public record ProblemSchema(
		@Schema(description = "A URI that identifies the kind of problem; `about:blank` for generic HTTP errors",
				example = "urn:mipro:problem:invalid-dataset", defaultValue = "about:blank") String type,
		@Schema(description = "A short summary of the kind of problem", example = "Invalid dataset") String title,
		@Schema(description = "The HTTP status code", example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
		@Schema(description = "What went wrong with this request, and where",
				example = "Example 3 (line 4), field `answer`: The example lacks field `answer`.") String detail,
		@Schema(description = "The request path", example = "/api/datasets") String instance,
		@Schema(description = "Upload problems: the 1-based line of the file", example = "4") Long line,
		@Schema(description = "Upload problems: the 1-based example number", example = "3") Integer example,
		@Schema(description = "Upload problems: the field at fault", example = "answer") String field,
		@Schema(description = "Parameter problems: the parameter's name", example = "size") String parameter,
		@Schema(description = "Parameter problems: the value given", example = "-1") String value,
		@Schema(description = "Media-type problems: the content types the operation accepts") List<String> supported,
		@Schema(description = "Dataset problems: the dataset concerned",
				example = "0b6f3a52-2f0e-4c55-9d7e-2b0e8a3c9f11") String datasetId) {
}
