package io.mipro.program;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems the programs API answers with. */
public final class ProgramProblems {

	private ProgramProblems() {
	}

	public static ErrorResponseException notFound(UUID id) {
		return problem(HttpStatus.NOT_FOUND, "program-not-found", "Program not found", "No program with id " + id + ".");
	}

	public static ErrorResponseException invalid(String detail) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-program", "Invalid program request", detail);
	}

	/** A refusal about one field (of the inputs, of the saved program): the problem names it. */
	public static ErrorResponseException invalidField(String field, String detail) {
		ErrorResponseException problem = invalid(detail);
		problem.getBody().setProperty("field", field);
		return problem;
	}

	public static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, "program-conflict", "Program state conflict", detail);
	}

	private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:mipro:problem:" + type));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
