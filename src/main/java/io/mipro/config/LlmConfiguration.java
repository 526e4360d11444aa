package io.mipro.config;

import java.util.Locale;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.mipro.fleet.DatabaseClock;
import io.mipro.fleet.Databases;
import io.mipro.fleet.FleetInstance;
import io.mipro.llm.LlmProperties;
import io.mipro.llm.MeteredModelProvider;
import io.mipro.llm.PriceTable;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.OpenAiModelProvider;
import io.mipro.llm.ResponseCache;
import io.mipro.llm.limits.FleetProviderLimits;
import io.mipro.llm.limits.LocalProviderLimits;
import io.mipro.llm.limits.ProviderLimits;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chooses the model provider from server configuration: OpenAI (any OpenAI-compatible endpoint at
 * {@code spring.ai.openai.base-url}) when an API key is configured, else the simulated model, so the service runs
 * offline on a fresh machine. {@code mipro.llm.provider} forces either. Provider limits are shared by the fleet on
 * PostgreSQL and kept in process on H2 ({@code mipro.llm.limits.scope}).
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

	/** The chosen provider, measured: every call is counted and timed by role and model (see README, Metrics). */
	@Bean
	ModelProvider modelProvider(LlmProperties llm, ObjectProvider<ChatClient.Builder> chatClients,
			ObjectProvider<ProviderLimits> limits, @Value("${spring.ai.openai.api-key:}") String apiKey,
			MeterRegistry meters, PriceTable prices) {
		return new MeteredModelProvider(choose(llm, chatClients, limits, apiKey), meters, prices);
	}

	private static ModelProvider choose(LlmProperties llm, ObjectProvider<ChatClient.Builder> chatClients,
			ObjectProvider<ProviderLimits> limits, String apiKey) {
		String choice = llm.provider().strip().toLowerCase(Locale.ROOT);
		boolean openai = switch (choice) {
			case "openai" -> true;
			case "simulated" -> false;
			case "auto" -> !apiKey.isBlank();
			default -> throw new IllegalStateException("mipro.llm.provider must be auto, openai or simulated; got " + choice);
		};
		if (openai) {
			ProviderLimits shared = limits.getObject();
			log.info("Model provider: OpenAI-compatible endpoint (spring.ai.openai.base-url), limits per {}",
					shared.scope());
			return new OpenAiModelProvider(chatClients::getObject, llm, shared);
		}
		log.info("Model provider: simulated (no OpenAI API key configured). {}", SimulatedLanguageModel.NOTICE);
		return new SimulatedLanguageModel(llm.simulatedLatency());
	}

	@Bean
	ResponseCache responseCache(LlmProperties llm, DataSource dataSource, JdbcTemplate jdbc, FleetInstance instance) {
		return new ResponseCache(jdbc, Databases.isPostgres(dataSource), instance.id(), llm.cacheWait());
	}

	@Bean
	ProviderLimits providerLimits(LlmProperties llm, DataSource dataSource, JdbcTemplate jdbc, DatabaseClock clock,
			FleetInstance instance) {
		String scope = llm.limits().scope().strip().toLowerCase(Locale.ROOT);
		boolean fleet = switch (scope) {
			case "fleet" -> true;
			case "instance" -> false;
			case "auto" -> Databases.isPostgres(dataSource);
			default -> throw new IllegalStateException("mipro.llm.limits.scope must be auto, instance or fleet; got " + scope);
		};
		if (fleet) {
			return new FleetProviderLimits(jdbc, dataSource, clock, instance.id(), llm.maxConcurrentPerModel(),
					llm.requestsPerMinute(), llm.limits().permitLease());
		}
		return new LocalProviderLimits(llm.maxConcurrentPerModel(), llm.requestsPerMinute());
	}

}
