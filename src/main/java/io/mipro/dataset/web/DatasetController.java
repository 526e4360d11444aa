package io.mipro.dataset.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.mipro.dataset.DatasetLimits;
import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;
import io.mipro.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets", description = "Train, dev and test sets: flat examples whose fields a signature names")
class DatasetController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String INVALID_EXAMPLE = """
			{"type": "urn:mipro:problem:invalid-dataset", "title": "Invalid dataset", "status": 400,
			 "detail": "Example 3 (line 4), field `answer`: The example lacks field `answer`, which the first example has; every example must have the same fields [question, context, answer].",
			 "instance": "/api/datasets", "line": 4, "example": 3, "field": "answer"}""";

	private static final String UNKNOWN_FORMAT_EXAMPLE = """
			{"type": "urn:mipro:problem:invalid-dataset", "title": "Invalid dataset", "status": 415,
			 "detail": "Cannot tell the format of file `train.txt` (content type `text/plain`); upload a .json, .jsonl or .csv file, or pass format=json|jsonl|csv.",
			 "instance": "/api/datasets"}""";

	private final Datasets datasets;

	private final DatasetLimits limits;

	DatasetController(Datasets datasets, DatasetLimits limits) {
		this.datasets = datasets;
		this.limits = limits;
	}

	@Operation(operationId = "uploadDataset", summary = "Upload a dataset file",
			description = "multipart/form-data with a `file` part (a `.json` array of flat objects, a `.jsonl` file with "
					+ "one object per line, or a `.csv` file with a header row) and optional `name` and `format` fields. "
					+ "Values must be strings, numbers or booleans and every example must have the same fields; values "
					+ "are stored as text. One transaction: on any error nothing is stored. (This path also accepts the "
					+ "JSON body of `POST /api/datasets/inline`, for curl users.)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
			mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = DatasetFileUpload.class)))
	@ApiResponse(responseCode = "201", description = "Stored; `Location` names the dataset")
	@ApiResponse(responseCode = "400", description = "Malformed upload; the problem names the first offending line "
			+ "or example", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(value = INVALID_EXAMPLE)))
	@ApiResponse(responseCode = "413", description = "Upload or example count over the configured limit",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Unknown file format or request content type",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(value = UNKNOWN_FORMAT_EXAMPLE)))
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetView> upload(
			@Parameter(hidden = true) @RequestPart("file") MultipartFile file,
			@Parameter(hidden = true) @RequestParam(name = "name", required = false) String name,
			@Parameter(hidden = true) @RequestParam(name = "format", required = false) String format)
			throws IOException {
		DatasetView view = datasets.importFile(name, file.getOriginalFilename(), file.getContentType(), format,
				file.getBytes());
		return created(view);
	}

	@Operation(operationId = "createDataset", summary = "Create a dataset from a JSON body",
			description = "`{\"name\": ..., \"examples\": [{...}, ...]}`: flat objects with the same fields, values "
					+ "strings, numbers or booleans (stored as text). One transaction: on any error nothing is stored.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
			mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DatasetUpload.class),
			examples = @ExampleObject(value = """
					{"name": "qa-dev", "examples": [
					  {"question": "Where is the Eiffel Tower?", "context": "The Eiffel Tower is in Paris.", "answer": "Paris"}
					]}""")))
	@ApiResponse(responseCode = "201", description = "Stored; `Location` names the dataset")
	@ApiResponse(responseCode = "400", description = "Malformed body; the problem names the first offending line "
			+ "or example", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(value = INVALID_EXAMPLE)))
	@ApiResponse(responseCode = "413", description = "Body or example count over the configured limit",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/inline", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetView> createInline(@Parameter(hidden = true) InputStream body,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_LENGTH,
					required = false) Long contentLength) throws IOException {
		return create(body, contentLength);
	}

	// the same as /inline on the upload's path (curl users post JSON there); documented once, as /inline, so that
	// generated clients see one content type per operation
	@Operation(hidden = true)
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetView> create(@Parameter(hidden = true) InputStream body,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_LENGTH,
					required = false) Long contentLength) throws IOException {
		long max = limits.maxUploadSize().toBytes();
		if (contentLength != null && contentLength > max) {
			throw tooLarge(max);
		}
		byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
		if (bytes.length > max) {
			throw tooLarge(max);
		}
		return created(datasets.importJson(bytes));
	}

	@Operation(operationId = "listDatasets", summary = "List datasets, newest first")
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PageResponse<DatasetView> list(
			@Parameter(description = "0-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1..500") @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(500) int size) {
		return PageResponse.of(datasets.list(page, size));
	}

	@Operation(operationId = "getDataset", summary = "Get a dataset")
	@ApiResponse(responseCode = "200", description = "The dataset")
	@ApiResponse(responseCode = "404", description = "No such dataset",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	DatasetView get(@PathVariable("id") UUID id) {
		return datasets.get(id);
	}

	@Operation(operationId = "listDatasetExamples", summary = "Page through a dataset's examples, in upload order")
	@ApiResponse(responseCode = "200", description = "Examples; each maps field names to text values")
	@ApiResponse(responseCode = "404", description = "No such dataset",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping(path = "/{id}/examples", produces = MediaType.APPLICATION_JSON_VALUE)
	PageResponse<Map<String, String>> examples(@PathVariable("id") UUID id,
			@Parameter(description = "0-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1..1000") @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(1000) int size) {
		return PageResponse.of(datasets.examples(id, page, size));
	}

	@Operation(operationId = "deleteDataset", summary = "Delete a dataset and its examples")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such dataset",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "A job that is not finished uses the dataset",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable("id") UUID id) {
		datasets.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<DatasetView> created(DatasetView view) {
		return ResponseEntity.created(URI.create("/api/datasets/" + view.id())).body(view);
	}

	private static InvalidDatasetException tooLarge(long max) {
		return new InvalidDatasetException(HttpStatus.CONTENT_TOO_LARGE,
				"The body is larger than " + max + " bytes (mipro.datasets.max-upload-size).", UploadPosition.NONE,
				null);
	}

}
