package io.mipro.evaluation;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems the evaluations API answers with. */
public final class EvaluationProblems {

	private EvaluationProblems() {
	}

	public static ErrorResponseException notFound(UUID id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No evaluation with id " + id + ".");
		problem.setType(URI.create("urn:mipro:problem:evaluation-not-found"));
		problem.setTitle("Evaluation not found");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/** A refusal naming the request field at fault. */
	public static ErrorResponseException invalid(String field, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("urn:mipro:problem:invalid-evaluation"));
		problem.setTitle("Invalid evaluation request");
		if (field != null) {
			problem.setProperty("field", field);
		}
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
