package io.mipro.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.ResponseFormat;
import io.mipro.llm.limits.LocalProviderLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** The OpenAI adapter through the real Spring AI client against a mock server: options, usage, our retry policy. */
class OpenAiModelProviderTests {

	static final WireMockServer server = new WireMockServer(options().dynamicPort());

	static {
		server.start();
	}

	/** The waits the retry policy chose before each retry (the template then really sleeps them). */
	final List<Duration> sleeps = new ArrayList<>();

	/** Permits in use when each wait was chosen: a retry must never sleep holding one. */
	final List<Integer> permitsHeldWhileWaiting = new ArrayList<>();

	final LocalProviderLimits limits = new LocalProviderLimits(4, 0);

	OpenAiModelProvider provider;

	@AfterAll
	static void stop() {
		server.stop();
	}

	@BeforeEach
	void setUp() {
		server.resetAll();
		sleeps.clear();
		OpenAiChatModel chatModel = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(server.baseUrl() + "/v1")
				.apiKey("sk-test")
				.model("default-model")
				.maxRetries(0)
				.build())
			.build();
		LlmProperties properties = properties(
				new LlmProperties.Retry(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), Duration.ofMinutes(1), 0.2));
		provider = new OpenAiModelProvider(() -> ChatClient.builder(chatModel), properties, limits,
				(model, fault, failed, wait) -> {
					sleeps.add(wait);
					permitsHeldWhileWaiting.add(4 - limits.available(model));
				});
	}

	static LlmProperties properties(LlmProperties.Retry retry) {
		return new LlmProperties("openai", 4, 0, true, retry, Duration.ZERO, new LlmProperties.Limits("instance",
				Duration.ofSeconds(30)), Duration.ofMinutes(3), new LlmProperties.CacheRetention(Duration.ZERO, 0));
	}

	static String completion(String content) {
		return """
				{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop","logprobs":null}],
				 "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}""".formatted(content);
	}

	static ChatRequest request() {
		return new ChatRequest(ModelRole.TASK, "gpt-task", List.of(ChatMessage.system("sys"), ChatMessage.user("hi")),
				0.3, 50, 12345L, "test");
	}

	@Test
	void sendsPerCallOptionsAndRecordsTokens() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(completion("hello"))));
		UsageCounter usage = new UsageCounter();

		Completion completion = provider.complete(request(), usage);

		assertThat(completion.text()).isEqualTo("hello");
		assertThat(completion.inputTokens()).isEqualTo(11);
		assertThat(usage.usage().taskModelCalls()).isEqualTo(1);
		assertThat(usage.usage().inputTokens()).isEqualTo(11);
		assertThat(usage.usage().outputTokens()).isEqualTo(7);
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Authorization", equalTo("Bearer sk-test"))
			.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-task")))
			.withRequestBody(matchingJsonPath("$.temperature", equalTo("0.3")))
			.withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
			.withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("hi"))));
		// the rollout id only ever reaches the cache key
		assertThat(server.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("12345");
	}

	@Test
	void retriesA429AfterItsRetryAfterAndCountsEveryAttempt() {
		server.stubFor(post("/v1/chat/completions").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
				.withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"slow down\"}}"))
			.willSetStateTo("ok"));
		server.stubFor(post("/v1/chat/completions").inScenario("rl").whenScenarioStateIs("ok")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion("fine"))));
		UsageCounter usage = new UsageCounter();

		assertThat(provider.complete(request(), usage).text()).isEqualTo("fine");

		assertThat(usage.usage().taskModelCalls()).isEqualTo(2);
		assertThat(usage.retries()).isEqualTo(1);
		assertThat(sleeps).hasSize(1);
		assertThat(sleeps.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(permitsHeldWhileWaiting).containsExactly(0);
	}

	@Test
	void retriesServerErrorsAndResetsThenGivesUpBounded() {
		server.stubFor(post("/v1/chat/completions").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("500"));
		server.stubFor(post("/v1/chat/completions").inScenario("flaky").whenScenarioStateIs("500")
			.willReturn(aResponse().withStatus(500).withBody("{}")).willSetStateTo("ok"));
		server.stubFor(post("/v1/chat/completions").inScenario("flaky").whenScenarioStateIs("ok")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion("ok"))));
		UsageCounter usage = new UsageCounter();
		assertThat(provider.complete(request(), usage).text()).isEqualTo("ok");
		assertThat(usage.sentCalls()).isEqualTo(3);
		// backoff grows: 100 ms then 200 ms, each with up to 20% jitter
		assertThat(sleeps.get(0).toMillis()).isBetween(100L, 120L);
		assertThat(sleeps.get(1).toMillis()).isBetween(200L, 240L);

		server.resetAll();
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503).withBody("{}")));
		UsageCounter down = new UsageCounter();
		assertThatThrownBy(() -> provider.complete(request(), down)).isInstanceOf(LanguageModelException.class)
			.hasMessageContaining("HTTP 503")
			.hasMessageContaining("gave up after 3 attempts")
			.satisfies(ex -> assertThat(((LanguageModelException) ex).isTransient()).isTrue());
		assertThat(down.sentCalls()).isEqualTo(3);
		assertThat(permitsHeldWhileWaiting).as("no permit is held while sleeping for a retry").containsOnly(0);
		assertThat(limits.available("gpt-task")).isEqualTo(4);
	}

	@Test
	void aJsonModeRequestAsksTheProviderForAJsonObject() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(completion("{}"))));

		provider.complete(request(), new UsageCounter());
		provider.complete(request().withResponseFormat(ResponseFormat.JSON_OBJECT), new UsageCounter());

		List<String> bodies = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
		assertThat(bodies).hasSize(2);
		// WireMock lists the newest first
		assertThat(bodies.get(0)).contains("\"response_format\":{\"type\":\"json_object\"}");
		assertThat(bodies.get(1)).doesNotContain("response_format");
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object"))));
	}

	@Test
	void aRequestPassesThroughTheChatClientAsMessagesNotTemplates() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(completion("ok"))));
		ChatRequest braces = new ChatRequest(ModelRole.PROMPT, "gpt-prompt",
				List.of(ChatMessage.system("Answer as {\"answer\": ...}"), ChatMessage.user("{question} <x>")), null,
				null, null, "test");

		provider.complete(braces, new UsageCounter());

		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-prompt")))
			.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Answer as {\"answer\": ...}")))
			.withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("{question} <x>"))));
	}

	@Test
	void clientErrorsAreNotRetried() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"bad key\"}}")));
		UsageCounter usage = new UsageCounter();

		assertThatThrownBy(() -> provider.complete(request(), usage)).isInstanceOf(LanguageModelException.class)
			.hasMessageContaining("HTTP 401")
			.hasMessageContaining("not retryable")
			.satisfies(ex -> assertThat(((LanguageModelException) ex).isTransient()).isFalse());
		assertThat(usage.sentCalls()).isEqualTo(1);
		assertThat(sleeps).isEmpty();
	}

	@Test
	void backoffIsExponentialCappedJitteredAndHonoursRetryAfter() {
		BackoffSchedule policy = new BackoffSchedule(
				new LlmProperties.Retry(6, Duration.ofMillis(500), 2.0, Duration.ofSeconds(3), Duration.ofMinutes(2), 0.2));
		Random random = new Random(1);
		for (int attempt = 1; attempt <= 5; attempt++) {
			long base = Math.min(500L << (attempt - 1), 3000);
			assertThat(policy.backoff(attempt, null, random).toMillis()).isBetween(base, Math.round(base * 1.2));
		}
		assertThat(policy.backoff(1, Duration.ofSeconds(10), random)).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.worstCaseSleep()).isEqualTo(Duration.ofMillis(Math.round((500 + 1000 + 2000 + 3000 + 3000) * 1.2)));
	}

}
