package io.mipro.dataset;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No dataset has this id; answered as a 404 problem. */
public class DatasetNotFoundException extends ErrorResponseException {

	public DatasetNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(UUID id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No dataset with id " + id + ".");
		problem.setType(URI.create("urn:mipro:problem:dataset-not-found"));
		problem.setTitle("Dataset not found");
		problem.setProperty("datasetId", id.toString());
		return problem;
	}

}
