package io.mipro.optimizer.spi;

import java.util.List;

/**
 * One call to a language model. {@code rolloutId} makes otherwise identical requests distinct (for caching) without
 * being sent to the provider; {@code purpose} says why the optimizer asks (for logs and accounting only);
 * {@code responseFormat} asks the provider for a JSON object when the caller parses one.
 */
public record ChatRequest(ModelRole role, String model, List<ChatMessage> messages, Double temperature,
		Integer maxTokens, Long rolloutId, String purpose, ResponseFormat responseFormat) {

	public ChatRequest {
		messages = List.copyOf(messages);
		responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
	}

	public ChatRequest(ModelRole role, String model, List<ChatMessage> messages, Double temperature, Integer maxTokens,
			Long rolloutId, String purpose) {
		this(role, model, messages, temperature, maxTokens, rolloutId, purpose, ResponseFormat.TEXT);
	}

	public static ChatRequest of(ModelRole role, ModelSettings settings, List<ChatMessage> messages, String purpose) {
		return new ChatRequest(role, settings.model(), messages, settings.temperature(), settings.maxTokens(), null,
				purpose, ResponseFormat.TEXT);
	}

	public ChatRequest withTemperature(Double value) {
		return new ChatRequest(role, model, messages, value, maxTokens, rolloutId, purpose, responseFormat);
	}

	public ChatRequest withRolloutId(Long value) {
		return new ChatRequest(role, model, messages, temperature, maxTokens, value, purpose, responseFormat);
	}

	public ChatRequest withMessages(List<ChatMessage> value) {
		return new ChatRequest(role, model, value, temperature, maxTokens, rolloutId, purpose, responseFormat);
	}

	public ChatRequest withResponseFormat(ResponseFormat value) {
		return new ChatRequest(role, model, messages, temperature, maxTokens, rolloutId, purpose, value);
	}

}
