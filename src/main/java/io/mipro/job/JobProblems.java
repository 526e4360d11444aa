package io.mipro.job;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems the jobs API answers with. */
public final class JobProblems {

	private JobProblems() {
	}

	public static ErrorResponseException notFound(UUID id) {
		return problem(HttpStatus.NOT_FOUND, "job-not-found", "Job not found", "No job with id " + id + ".");
	}

	public static ErrorResponseException invalid(String detail) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-job", "Invalid job request", detail);
	}

	/** A refusal about one module of the program: the problem names it, and the field when there is one. */
	public static ErrorResponseException invalidModule(String module, String field, String detail) {
		ErrorResponseException problem = invalid(detail);
		if (module != null) {
			problem.getBody().setProperty("module", module);
		}
		if (field != null) {
			problem.getBody().setProperty("field", field);
		}
		return problem;
	}

	public static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, "job-conflict", "Job state conflict", detail);
	}

	private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:mipro:problem:" + type));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
