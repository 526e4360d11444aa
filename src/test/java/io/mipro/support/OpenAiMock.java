package io.mipro.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mipro.llm.UsageCounter;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.ModelRole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible HTTP server on loopback (WireMock) that answers {@code POST /v1/chat/completions} in the
 * ChatAdapter format, reading only the prompt (it uses the simulated reader), counts what it receives per model, and
 * can inject faults: a fraction of requests answered 429 with {@code Retry-After}, 500, 503, or a reset connection.
 */
public final class OpenAiMock implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Responder responder = new Responder();

	private final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(responder));

	public OpenAiMock() {
		server.start();
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withTransformers(Responder.NAME)));
	}

	public String baseUrl() {
		return server.baseUrl() + "/v1";
	}

	/** Requests received, faulted ones included. */
	public int requests() {
		return responder.requests.get();
	}

	public int requests(String model) {
		return responder.perModel.getOrDefault(model, new AtomicInteger()).get();
	}

	public int faults() {
		return responder.faults.get();
	}

	/** Faults that were a reset connection (OkHttp may re-send those itself, unseen by the service). */
	public int resets() {
		return responder.resets.get();
	}

	/** Authorization headers seen (for checks that the key is sent, and sent only here). */
	public List<String> authorizations() {
		synchronized (responder.authorizations) {
			return new ArrayList<>(responder.authorizations);
		}
	}

	/** Answers this fraction of requests with a transient fault (seeded, so a run's faults are reproducible). */
	public void injectFaults(double rate, long seed) {
		responder.faultRate = rate;
		responder.random = new Random(seed);
	}

	/** Answers every request with this HTTP status (e.g. 503 for a provider that is down). */
	public void failAll(int status) {
		responder.failStatus = status;
	}

	/** A request's messages and the text the mock answered. */
	public record Exchange(List<ChatMessage> messages, String answer) {
	}

	/** The last request answered for a model (null if none), to compare a service's answer with the mock's. */
	public Exchange lastExchange(String model) {
		return responder.last.get(model);
	}

	/** Answers every request for this one model with this HTTP status (a judge model that is down, say). */
	public void failModel(String model, int status) {
		responder.failModel = model;
		responder.failStatus = status;
	}

	public void reset() {
		responder.failModel = null;
		responder.requests.set(0);
		responder.faults.set(0);
		responder.resets.set(0);
		responder.perModel.clear();
		responder.faultRate = 0;
		responder.failStatus = 0;
		responder.authorizations.clear();
	}

	@Override
	public void close() {
		server.stop();
	}

	static final class Responder implements ResponseDefinitionTransformerV2 {

		static final String NAME = "chat-completions";

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger faults = new AtomicInteger();

		final AtomicInteger resets = new AtomicInteger();

		final Map<String, AtomicInteger> perModel = new ConcurrentHashMap<>();

		final List<String> authorizations = new ArrayList<>();

		final Map<String, Exchange> last = new ConcurrentHashMap<>();

		final SimulatedLanguageModel reader = new SimulatedLanguageModel();

		volatile double faultRate;

		volatile int failStatus;

		volatile String failModel;

		volatile Random random = new Random(0);

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			requests.incrementAndGet();
			synchronized (authorizations) {
				authorizations.add(event.getRequest().getHeader("Authorization"));
			}
			JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
			String model = body.path("model").asString();
			perModel.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
			if (failStatus != 0 && (failModel == null || failModel.equals(model))) {
				faults.incrementAndGet();
				return error(failStatus, null);
			}
			if (faultRate > 0) {
				double roll;
				int kind;
				synchronized (this) {
					roll = random.nextDouble();
					kind = random.nextInt(4);
				}
				if (roll < faultRate) {
					faults.incrementAndGet();
					return switch (kind) {
						case 0 -> error(429, "1");
						case 1 -> error(500, null);
						case 2 -> error(503, null);
						default -> {
							resets.incrementAndGet();
							yield new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
						}
					};
				}
			}
			List<ChatMessage> messages = new ArrayList<>();
			for (JsonNode message : body.path("messages")) {
				messages.add(new ChatMessage(ChatMessage.Role.valueOf(message.path("role").asString().toUpperCase()),
						content(message.path("content"))));
			}
			Completion completion = reader.complete(new ChatRequest(ModelRole.TASK, model, messages, null, null, null,
					"mock"), new UsageCounter());
			last.put(model, new Exchange(List.copyOf(messages), completion.text()));
			ObjectNode response = JSON.createObjectNode();
			response.put("id", "chatcmpl-" + requests.get());
			response.put("object", "chat.completion");
			response.put("created", 1_700_000_000L);
			response.put("model", model);
			ObjectNode choice = response.putArray("choices").addObject();
			choice.put("index", 0);
			choice.putObject("message").put("role", "assistant").put("content", completion.text());
			choice.put("finish_reason", "stop");
			choice.putNull("logprobs");
			response.putObject("usage")
				.put("prompt_tokens", completion.inputTokens())
				.put("completion_tokens", completion.outputTokens())
				.put("total_tokens", completion.inputTokens() + completion.outputTokens());
			return new ResponseDefinitionBuilder().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(JSON.writeValueAsString(response))
				.build();
		}

		private static String content(JsonNode content) {
			if (content.isString()) {
				return content.asString();
			}
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				text.append(part.path("text").asString());
			}
			return text.toString();
		}

		private static ResponseDefinition error(int status, String retryAfter) {
			ResponseDefinitionBuilder builder = new ResponseDefinitionBuilder().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\": {\"message\": \"injected fault\", \"type\": \"server_error\"}}");
			if (retryAfter != null) {
				builder = builder.withHeader("Retry-After", retryAfter);
			}
			return builder.build();
		}

	}

}
