package io.mipro.config;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.mipro.llm.LlmProperties;
import io.mipro.llm.MeteredModelProvider;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.OpenAiModelProvider;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the model provider from server configuration: OpenAI (any OpenAI-compatible endpoint at
 * {@code spring.ai.openai.base-url}) when an API key is configured, else the simulated model, so the service runs
 * offline on a fresh machine. {@code mipro.llm.provider} forces either.
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

	/** The chosen provider, measured: every call is counted and timed by role and model (see README, Metrics). */
	@Bean
	ModelProvider modelProvider(LlmProperties llm, ObjectProvider<ChatModel> chatModel,
			@Value("${spring.ai.openai.api-key:}") String apiKey, MeterRegistry meters) {
		return new MeteredModelProvider(choose(llm, chatModel, apiKey), meters);
	}

	private static ModelProvider choose(LlmProperties llm, ObjectProvider<ChatModel> chatModel, String apiKey) {
		String choice = llm.provider().strip().toLowerCase(Locale.ROOT);
		boolean openai = switch (choice) {
			case "openai" -> true;
			case "simulated" -> false;
			case "auto" -> !apiKey.isBlank();
			default -> throw new IllegalStateException("mipro.llm.provider must be auto, openai or simulated; got " + choice);
		};
		if (openai) {
			log.info("Model provider: OpenAI-compatible endpoint (spring.ai.openai.base-url)");
			return new OpenAiModelProvider(chatModel.getObject(), llm, duration -> Thread.sleep(duration.toMillis()));
		}
		log.info("Model provider: simulated (no OpenAI API key configured). {}", SimulatedLanguageModel.NOTICE);
		return new SimulatedLanguageModel(llm.simulatedLatency());
	}

}
