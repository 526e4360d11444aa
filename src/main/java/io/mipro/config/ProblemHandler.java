package io.mipro.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 {@code application/problem+json}. Spring's base class maps the MVC exceptions
 * (bad parameters, wrong method or media type, oversize multipart, unknown path) and our {@code ErrorResponse}
 * exceptions; unreadable JSON bodies get a detail that says what and where; anything else is a bug, logged with its
 * stack trace and answered without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(ex));
		problem.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Constraint violations on parameters: which parameter, the value given and the limit it broke. */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Invalid parameter");
		List<String> details = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			MethodParameter parameter = result.getMethodParameter();
			String name = ParameterMessages.name(parameter);
			details.add(ParameterMessages.describe(parameter, result.getArgument()));
			if (problem.getProperties() == null || !problem.getProperties().containsKey("parameter")) {
				problem.setProperty("parameter", name);
				problem.setProperty("value", String.valueOf(result.getArgument()));
			}
		}
		problem.setDetail(details.isEmpty() ? "A parameter is invalid." : String.join(" ", details));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A parameter that does not convert (an unknown status, a malformed id): the allowed values or the form. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ex.getPropertyName();
		Class<?> type = ex.getRequiredType();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "`" + name + "` cannot be "
				+ quote(ex.getValue()) + ": expected " + (type == null ? "another value" : simpleName(type)) + ".");
		problem.setTitle("Invalid parameter");
		problem.setProperty("parameter", name);
		problem.setProperty("value", String.valueOf(ex.getValue()));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A body in a media type the operation does not read: name the ones it does. */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String given = ex.getContentType() == null ? "none" : "`" + ex.getContentType() + "`";
		String supported = ex.getSupportedMediaTypes()
			.stream()
			.map(type -> type.getType() + "/" + type.getSubtype())
			.distinct()
			.collect(Collectors.joining(", "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Content type " + given + " is not supported here; send " + supported + ".");
		problem.setTitle("Unsupported media type");
		problem.setProperty("supported", ex.getSupportedMediaTypes().stream().map(t -> t.getType() + "/" + t.getSubtype()).distinct().toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown property `" + path(unknown) + "`" + known(unknown) + ".";
		}
		if (cause instanceof InvalidFormatException format) {
			return "`" + path(format) + "` cannot be " + quote(format.getValue()) + ": expected "
					+ simpleName(format.getTargetType()) + ".";
		}
		if (cause instanceof MismatchedInputException mismatch) {
			String target = mismatch.getTargetType() == null ? "a different JSON type"
					: simpleName(mismatch.getTargetType());
			return "`" + path(mismatch) + "` has the wrong type: expected " + target + ".";
		}
		if (cause instanceof StreamReadException read) {
			String where = read.getLocation() == null ? ""
					: " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
			return "Malformed JSON" + where + ": " + firstLine(read.getOriginalMessage());
		}
		if (cause instanceof JacksonException json) {
			return "Unreadable JSON: " + firstLine(json.getOriginalMessage());
		}
		return "The request body is missing or unreadable.";
	}

	private static String path(JacksonException ex) {
		String path = ex.getPath()
			.stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
		return path.isEmpty() ? "(root)" : path;
	}

	private static String known(UnrecognizedPropertyException ex) {
		if (ex.getKnownPropertyIds() == null || ex.getKnownPropertyIds().isEmpty()) {
			return "";
		}
		return "; known properties: " + ex.getKnownPropertyIds()
			.stream()
			.map(String::valueOf)
			.sorted()
			.collect(Collectors.joining(", "));
	}

	private static String simpleName(Class<?> type) {
		if (type.isEnum()) {
			StringBuilder values = new StringBuilder("one of ");
			Object[] constants = type.getEnumConstants();
			for (int i = 0; i < constants.length; i++) {
				values.append(i == 0 ? "" : ", ").append(constants[i]);
			}
			return values.toString();
		}
		return switch (type.getSimpleName()) {
			case "Integer", "int", "Long", "long" -> "an integer";
			case "Double", "double" -> "a number";
			case "Boolean", "boolean" -> "true or false";
			case "UUID" -> "a UUID";
			case "String" -> "a string";
			default -> "a " + type.getSimpleName() + " object";
		};
	}

	private static String quote(Object value) {
		String text = String.valueOf(value);
		return "`" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "`";
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int cut = message.indexOf('\n');
		String line = cut < 0 ? message : message.substring(0, cut);
		int source = line.indexOf(" (start marker at");
		return source < 0 ? line : line.substring(0, source);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error while handling a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; the server log has the details.");
		problem.setTitle("Internal error");
		return problem;
	}

}
