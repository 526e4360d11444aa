package io.mipro.dataset;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload that cannot become a dataset. The problem names the first offending place: a line of the file (1-based)
 * and, where the fault lies inside an example, the example's number (1-based) and field.
 */
public class InvalidDatasetException extends ErrorResponseException {

	private final transient UploadPosition position;

	public InvalidDatasetException(String detail) {
		this(HttpStatus.BAD_REQUEST, detail, UploadPosition.NONE, null);
	}

	public InvalidDatasetException(String detail, UploadPosition position) {
		this(HttpStatus.BAD_REQUEST, detail, position, null);
	}

	public InvalidDatasetException(HttpStatus status, String detail, UploadPosition position, Throwable cause) {
		super(status, problem(status, detail, position), cause);
		this.position = position;
	}

	/** Where the fault is; {@link UploadPosition#NONE} when it concerns the upload as a whole. */
	public UploadPosition position() {
		return position;
	}

	private static ProblemDetail problem(HttpStatus status, String detail, UploadPosition position) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, position.describe() + detail);
		problem.setType(URI.create(status == HttpStatus.CONTENT_TOO_LARGE ? "urn:mipro:problem:dataset-too-large"
				: "urn:mipro:problem:invalid-dataset"));
		problem.setTitle(status == HttpStatus.CONTENT_TOO_LARGE ? "Dataset too large" : "Invalid dataset");
		if (position.line() > 0) {
			problem.setProperty("line", position.line());
		}
		if (position.example() > 0) {
			problem.setProperty("example", position.example());
		}
		if (position.field() != null) {
			problem.setProperty("field", position.field());
		}
		return problem;
	}

}
