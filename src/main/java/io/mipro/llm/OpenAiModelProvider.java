package io.mipro.llm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.ResponseFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Calls an OpenAI-compatible endpoint through Spring AI's {@code ChatModel}, with per-call options (model,
 * temperature, max tokens) so each job has its own prompt and task model. This class owns the retry policy (the
 * SDK's retries are off), so every attempt is counted, logged and bounded; a per-model concurrency limit and an
 * optional requests-per-minute pace protect the provider.
 */
public final class OpenAiModelProvider implements ModelProvider {

	private static final Logger log = LoggerFactory.getLogger(OpenAiModelProvider.class);

	private final ChatModel chatModel;

	private final RetryPolicy retry;

	private final int maxConcurrentPerModel;

	private final RatePacer pacer;

	private final Sleeper sleeper;

	private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

	/** How a waiting caller sleeps; replaceable in tests. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	public OpenAiModelProvider(ChatModel chatModel, LlmProperties properties, Sleeper sleeper) {
		this.chatModel = chatModel;
		this.retry = new RetryPolicy(properties.retry());
		this.maxConcurrentPerModel = properties.maxConcurrentPerModel();
		this.pacer = new RatePacer(properties.requestsPerMinute());
		this.sleeper = sleeper;
	}

	@Override
	public String name() {
		return "openai";
	}

	@Override
	public boolean simulated() {
		return false;
	}

	@Override
	public Completion complete(ChatRequest request, UsageCounter usage) {
		Semaphore semaphore = permits.computeIfAbsent(request.model(), m -> new Semaphore(maxConcurrentPerModel, true));
		try {
			semaphore.acquire();
			try {
				return withRetries(request, usage);
			}
			finally {
				semaphore.release();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LanguageModelException("interrupted while calling " + request.model(), true, ex);
		}
	}

	private Completion withRetries(ChatRequest request, UsageCounter usage) throws InterruptedException {
		Instant start = Instant.now();
		for (int attempt = 1;; attempt++) {
			Duration paced = pacer.reserve(request.model());
			if (!paced.isZero()) {
				sleeper.sleep(paced);
			}
			usage.sent(request.role(), attempt > 1);
			try {
				return call(request, usage);
			}
			catch (RuntimeException ex) {
				Fault fault = classify(ex);
				Duration elapsed = Duration.between(start, Instant.now());
				if (!fault.retryable() || attempt >= retry.maxAttempts()) {
					String why = fault.retryable() ? "gave up after " + attempt + " attempts" : "not retryable";
					throw new LanguageModelException(request.model() + ": " + fault.description() + " (" + why + ")",
							fault.retryable(), ex);
				}
				Duration wait = retry.backoff(attempt, fault.retryAfter(), ThreadLocalRandom.current());
				if (elapsed.plus(wait).compareTo(retry.maxElapsed()) > 0) {
					throw new LanguageModelException(request.model() + ": " + fault.description() + " (gave up after "
							+ attempt + " attempts and " + elapsed.toSeconds() + " s)", true, ex);
				}
				log.warn("Model call to {} failed ({}); attempt {} of {}, retrying in {} ms", request.model(),
						fault.description(), attempt, retry.maxAttempts(), wait.toMillis());
				sleeper.sleep(wait);
			}
		}
	}

	private Completion call(ChatRequest request, UsageCounter usage) {
		OpenAiChatOptions.Builder options = OpenAiChatOptions.builder().model(request.model());
		if (request.temperature() != null) {
			options.temperature(request.temperature());
		}
		if (request.maxTokens() != null) {
			options.maxTokens(request.maxTokens());
		}
		if (request.responseFormat() == ResponseFormat.JSON_OBJECT) {
			// DSPy's JSON adapter asks for JSON mode; any OpenAI-compatible server that has it then answers an object
			options.responseFormat(OpenAiChatModel.ResponseFormat.builder()
				.type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT)
				.build());
		}
		List<Message> messages = request.messages().stream().map(OpenAiModelProvider::message).toList();
		ChatResponse response = chatModel.call(new Prompt(messages, options.build()));
		String text = response.getResult() == null || response.getResult().getOutput() == null ? null
				: response.getResult().getOutput().getText();
		if (text == null) {
			throw new IllegalStateException("the provider returned no message");
		}
		Usage tokens = response.getMetadata() == null ? null : response.getMetadata().getUsage();
		long input = tokens == null || tokens.getPromptTokens() == null ? 0 : tokens.getPromptTokens();
		long output = tokens == null || tokens.getCompletionTokens() == null ? 0 : tokens.getCompletionTokens();
		usage.tokens(input, output);
		return new Completion(text, input, output, false);
	}

	private static Message message(ChatMessage message) {
		return switch (message.role()) {
			case SYSTEM -> new SystemMessage(message.content());
			case USER -> new UserMessage(message.content());
			case ASSISTANT -> new AssistantMessage(message.content());
		};
	}

	/** What went wrong, whether another attempt may help, and how long the server asked us to wait. */
	record Fault(boolean retryable, String description, Duration retryAfter) {

	}

	static Fault classify(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OpenAIServiceException service) {
				int status = service.statusCode();
				boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
				return new Fault(retryable, "HTTP " + status, retryAfter(service));
			}
			if (cause instanceof OpenAIIoException || cause instanceof OpenAIRetryableException
					|| cause instanceof IOException) {
				return new Fault(true, "I/O error: " + cause.getClass().getSimpleName(), null);
			}
		}
		return new Fault(false, failure.getClass().getSimpleName() + ": " + failure.getMessage(), null);
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
