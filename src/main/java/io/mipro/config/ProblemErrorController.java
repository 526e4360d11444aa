package io.mipro.config;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside MVC's exception handling (the servlet container, the security firewall) also leave as
 * problem details, in place of Boot's default error page.
 */
// not part of the API: hidden from the API docs, where it would appear as a group of seven operations
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
				: HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setDetail(status == HttpStatus.BAD_REQUEST ? "The request was rejected as malformed."
				: status.getReasonPhrase() + ".");
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException unparseable) {
				// leave the instance out
			}
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
