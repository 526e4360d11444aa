package io.mipro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 * An OpenAI-compatible server on loopback for benchmarks: {@code POST /v1/chat/completions} answered by the
 * simulated reader (the same answers the tests' mock gives) after a fixed latency counted from the request's
 * arrival; {@code GET /stats} counts requests per model and the most in flight at once. The JDK's HTTP server
 * speaks HTTP/1.1 with keep-alive (start it with {@code -Dsun.net.httpserver.nodelay=true}: without it Nagle's
 * algorithm and the client's delayed ACK add about 40 ms to each response), listens with a backlog of 1024 and serves
 * each request on a pool of 512 threads,
 * so neither the backlog nor the pool ever adds latency at the concurrencies measured (Python's http.server, with a
 * backlog of 5, stalls new connections for a second).
 *
 * <pre>java -cp ... io.mipro.bench.LatencyOpenAiServer PORT LATENCY_MS</pre>
 */
public final class LatencyOpenAiServer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimulatedLanguageModel reader = new SimulatedLanguageModel();

	private final long latencyNanos;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final AtomicLong idGen = new AtomicLong();

	private final Map<String, AtomicInteger> perModel = new ConcurrentHashMap<>();

	private LatencyOpenAiServer(long latencyMillis) {
		this.latencyNanos = latencyMillis * 1_000_000L;
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		long latency = Long.parseLong(args[1]);
		LatencyOpenAiServer server = new LatencyOpenAiServer(latency);
		HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
		http.setExecutor(Executors.newFixedThreadPool(512));
		http.createContext("/v1/chat/completions", server::complete);
		http.createContext("/stats", server::stats);
		http.start();
		System.out.println("listening on " + port + " with " + latency + " ms latency");
	}

	private void complete(HttpExchange exchange) throws IOException {
		long arrived = System.nanoTime();
		int now = inFlight.incrementAndGet();
		maxInFlight.accumulateAndGet(now, Math::max);
		try (InputStream in = exchange.getRequestBody()) {
			JsonNode body = JSON.readTree(in.readAllBytes());
			String model = body.path("model").asString();
			requests.incrementAndGet();
			perModel.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
			List<ChatMessage> messages = new ArrayList<>();
			for (JsonNode message : body.path("messages")) {
				messages.add(new ChatMessage(ChatMessage.Role.valueOf(message.path("role").asString().toUpperCase()),
						text(message.path("content"))));
			}
			Completion completion = reader.complete(new ChatRequest(ModelRole.TASK, model, messages, null, null, null,
					"bench"), new UsageCounter());
			ObjectNode response = JSON.createObjectNode();
			response.put("id", "chatcmpl-" + idGen.incrementAndGet());
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
			long wait = latencyNanos - (System.nanoTime() - arrived);
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
			}
			send(exchange, 200, JSON.writeValueAsBytes(response));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			send(exchange, 500, ("{\"error\":{\"message\":\"" + ex.getClass().getSimpleName() + "\"}}")
				.getBytes(StandardCharsets.UTF_8));
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		content.forEach(part -> text.append(part.path("text").asString()));
		return text.toString();
	}

	private void stats(HttpExchange exchange) throws IOException {
		ObjectNode stats = JSON.createObjectNode();
		stats.put("requests", requests.get());
		stats.put("maxInFlight", maxInFlight.get());
		ObjectNode models = stats.putObject("perModel");
		perModel.forEach((model, count) -> models.put(model, count.get()));
		if ("POST".equals(exchange.getRequestMethod())) {
			// POST /stats resets the counters (between runs)
			requests.set(0);
			maxInFlight.set(0);
			perModel.clear();
		}
		send(exchange, 200, JSON.writeValueAsBytes(stats));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
