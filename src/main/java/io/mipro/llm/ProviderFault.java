package io.mipro.llm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;

/**
 * What went wrong in a provider call, whether another attempt may help, and how long the server asked us to wait.
 * OpenAI errors surface as the SDK's own exceptions ({@code com.openai.errors.*}), which Spring AI does not wrap.
 */
record ProviderFault(boolean retryable, String description, Duration retryAfter) {

	static ProviderFault classify(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OpenAIServiceException service) {
				int status = service.statusCode();
				boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
				return new ProviderFault(retryable, "HTTP " + status, retryAfter(service));
			}
			if (cause instanceof OpenAIIoException || cause instanceof OpenAIRetryableException
					|| cause instanceof IOException) {
				return new ProviderFault(true, "I/O error: " + cause.getClass().getSimpleName(), null);
			}
		}
		return new ProviderFault(false, failure.getClass().getSimpleName() + ": " + failure.getMessage(), null);
	}

	/** {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date. */
	static Duration retryAfter(OpenAIServiceException failure) {
		try {
			List<String> millis = failure.headers().values("retry-after-ms");
			if (!millis.isEmpty()) {
				return Duration.ofMillis((long) Double.parseDouble(millis.get(0).strip()));
			}
			List<String> seconds = failure.headers().values("retry-after");
			if (!seconds.isEmpty()) {
				String value = seconds.get(0).strip();
				try {
					return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
				}
				catch (NumberFormatException notSeconds) {
					ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
					Duration until = Duration.between(Instant.now(), at.toInstant());
					return until.isNegative() ? Duration.ZERO : until;
				}
			}
		}
		catch (RuntimeException unreadable) {
			// a malformed header is treated as absent
		}
		return null;
	}

}
