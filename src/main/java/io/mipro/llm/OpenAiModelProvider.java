package io.mipro.llm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.mipro.llm.limits.ProviderLimits;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.ResponseFormat;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Calls an OpenAI-compatible endpoint through Spring AI's {@link ChatClient}: one client per model, built from the
 * auto-configured builder (so Spring AI's observations reach Micrometer), with per-call options (temperature, max
 * tokens, JSON mode) so each job has its own prompt and task model. Messages go in as messages, never through the
 * client's prompt templates (prompts contain braces). This class owns the retry policy (the SDK's retries are off),
 * so every attempt is counted, logged and bounded; {@link ProviderLimits} cap concurrency and request rate per model,
 * and an attempt holds its permit only while its request runs.
 */
public final class OpenAiModelProvider implements ModelProvider {

	private final Supplier<ChatClient.Builder> builders;

	private final Map<String, ChatClient> clients = new ConcurrentHashMap<>();

	private final ModelCallRetry retry;

	private final ProviderLimits limits;

	/**
	 * @param builders fresh ChatClient builders (Boot's prototype bean), one per model configuration
	 */
	public OpenAiModelProvider(Supplier<ChatClient.Builder> builders, LlmProperties properties, ProviderLimits limits) {
		this(builders, properties, limits, ModelCallRetry.logging());
	}

	OpenAiModelProvider(Supplier<ChatClient.Builder> builders, LlmProperties properties, ProviderLimits limits,
			ModelCallRetry.BackoffListener backoffs) {
		this.builders = builders;
		this.retry = new ModelCallRetry(properties.retry(), backoffs);
		this.limits = limits;
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
		return retry.call(request.model(), attempt -> {
			limits.awaitStart(request.model());
			try (ProviderLimits.Permit permit = limits.acquire(request.model())) {
				usage.sent(request.role(), attempt > 1);
				return call(request, usage);
			}
		});
	}

	private ChatClient client(String model) {
		return clients.computeIfAbsent(model,
				m -> builders.get().defaultOptions(OpenAiChatOptions.builder().model(m)).build());
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
		ChatResponse response = client(request.model()).prompt().messages(messages).options(options).call().chatResponse();
		String text = response == null || response.getResult() == null || response.getResult().getOutput() == null
				? null : response.getResult().getOutput().getText();
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

}
