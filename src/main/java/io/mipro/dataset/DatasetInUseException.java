package io.mipro.dataset;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A dataset that a job still needs cannot be deleted; answered as a 409 problem. */
public class DatasetInUseException extends ErrorResponseException {

	public DatasetInUseException(UUID id, String usedBy) {
		super(HttpStatus.CONFLICT, problem(id, usedBy), null);
	}

	private static ProblemDetail problem(UUID id, String usedBy) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Dataset " + id + " is used by " + usedBy + "; cancel or finish it first.");
		problem.setType(URI.create("urn:mipro:problem:dataset-in-use"));
		problem.setTitle("Dataset in use");
		problem.setProperty("datasetId", id.toString());
		return problem;
	}

}
