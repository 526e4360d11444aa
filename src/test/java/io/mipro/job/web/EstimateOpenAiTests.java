package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.OpenAiMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cost estimate against what jobs then really send, through the real OpenAI client and an OpenAI-compatible
 * server on loopback; and the cost budget stopping a job with its best program kept. Model names are this class's
 * own, so no other test's cached answers make the comparison look better than it is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mipro.pricing.est-prompt.input-per-mtok=1.0", "mipro.pricing.est-prompt.output-per-mtok=4.0",
				"mipro.pricing.est-task.input-per-mtok=0.5", "mipro.pricing.est-task.output-per-mtok=2.0",
				"mipro.pricing.est-prompt-reference.input-per-mtok=1.0", "mipro.pricing.est-prompt-reference.output-per-mtok=4.0",
				"mipro.pricing.est-task-reference.input-per-mtok=0.5", "mipro.pricing.est-task-reference.output-per-mtok=2.0",
				"mipro.pricing.est-prompt-adaptive.input-per-mtok=1.0", "mipro.pricing.est-prompt-adaptive.output-per-mtok=4.0",
				"mipro.pricing.est-task-adaptive.input-per-mtok=0.5", "mipro.pricing.est-task-adaptive.output-per-mtok=2.0",
				"mipro.pricing.est-prompt-full.input-per-mtok=1.0", "mipro.pricing.est-prompt-full.output-per-mtok=4.0",
				"mipro.pricing.est-task-full.input-per-mtok=0.5", "mipro.pricing.est-task-full.output-per-mtok=2.0",
				"mipro.pricing.est-prompt-budget.input-per-mtok=1.0", "mipro.pricing.est-prompt-budget.output-per-mtok=4.0",
				"mipro.pricing.est-task-budget.input-per-mtok=0.5", "mipro.pricing.est-task-budget.output-per-mtok=2.0" })
class EstimateOpenAiTests {

	static final OpenAiMock openAi = new OpenAiMock();

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> "sk-test-estimate-0123456789");
	}

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	@BeforeEach
	void clients() {
		http = new Http(port);
		client = new JobClient(http);
	}

	static String job(String train, String dev, String strategy, String suffix, String extra) {
		return """
				{"name": "estimate", "trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"signature": "context, question -> answer",
				             "instructions": "Answer the question based on the given context."},
				 "optimizer": {"auto": "light", "seed": 9, "strategy": "%s"%s},
				 "promptModel": {"model": "est-prompt%s"}, "taskModel": {"model": "est-task%s"}}"""
			.formatted(train, dev, strategy, extra, suffix, suffix);
	}

	@Test
	void theEstimateOfALightJobIsWithinFifteenPercentOfTheCallsItSends() {
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		for (String strategy : new String[] { "reference", "adaptive" }) {
			String body = job(train, dev, strategy, "-" + strategy, "");
			int before = openAi.requests();
			Http.Response estimate = http.postJson("/api/jobs/estimate", body);
			assertThat(estimate.status()).as(estimate.body()).isEqualTo(200);
			assertThat(openAi.requests()).as("the estimate calls no model").isEqualTo(before);

			JsonNode end = client.awaitEnd(client.submit(body), Duration.ofMinutes(3));
			assertThat(end.get("status").asString()).isEqualTo("SUCCEEDED");
			long sent = openAi.requests() - before;
			long expected = estimate.json().get("expectedCalls").asLong();
			System.out.printf("estimate %s: expected %d calls (prompt %d, task %d), sent %d (prompt %d, task %d)%n",
					strategy, expected, estimate.json().get("prompt").get("expectedCalls").asLong(),
					estimate.json().get("task").get("expectedCalls").asLong(), sent,
					end.get("lmUsage").get("promptModelCalls").asLong(),
					end.get("lmUsage").get("taskModelCalls").asLong());
			assertThat((double) Math.abs(expected - sent) / sent).as(strategy + ": expected %d, sent %d", expected, sent)
				.isLessThanOrEqualTo(0.15);
			assertThat(estimate.json().get("worstCaseCalls").asLong()).isGreaterThanOrEqualTo(sent);
			assertThat(estimate.json().get("expectedCostUsd").asDouble()).isPositive();
			assertThat(end.get("lmUsage").get("costUsd").asDouble()).isPositive();
		}
	}

	@Test
	void theEstimateValidatesLikeSubmittingAndNamesMissingPrices() {
		String train = client.upload(Path.of("data/train.json"));
		Http.Response bad = http.postJson("/api/jobs/estimate", job(train, train, "reference", "", "")
			.replace("\"metric\"", "\"x\"")
			.replace("\"optimizer\": {", "\"metric\": \"bleu\", \"optimizer\": {"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("detail").asString()).contains("unknown metric `bleu`");

		Http.Response unpriced = http.postJson("/api/jobs/estimate",
				job(train, train, "reference", "", "").replace("est-task\"", "no-price-model\""));
		assertThat(unpriced.status()).isEqualTo(200);
		assertThat(unpriced.json().get("task").get("expectedCostUsd").isNull()).isTrue();
		assertThat(unpriced.json().get("expectedCostUsd").isNull()).isTrue();
		assertThat(unpriced.json().get("notes").toString()).contains("No price for model `no-price-model`");
		assertThat(unpriced.json().get("prompt").get("expectedCostUsd").asDouble()).isPositive();
	}

	@Test
	void aCostBudgetStopsTheJobWithinOneStepAndKeepsItsBestProgram() {
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		JsonNode full = client.awaitEnd(client.submit(job(train, dev, "reference", "-full", "")), Duration.ofMinutes(3));
		double fullCost = full.get("lmUsage").get("costUsd").asDouble();
		double limit = fullCost / 2;

		String id = client.submit(job(train, dev, "reference", "-budget", ", \"maxCostUsd\": " + limit));
		JsonNode end = client.awaitEnd(id, Duration.ofMinutes(3));

		assertThat(end.get("status").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
		assertThat(end.get("stopReason").asString()).startsWith("budget: maxCostUsd=");
		double cost = end.get("lmUsage").get("costUsd").asDouble();
		assertThat(cost).isGreaterThanOrEqualTo(limit);
		// within one step: at most one trial over the limit (a trial scores the 20 dev examples)
		JsonNode trials = http.get("/api/jobs/" + id + "/trials").json();
		assertThat(trials.size()).isLessThan(full.get("progress").get("totalTrials").asInt());
		JsonNode last = trials.get(trials.size() - 1);
		double lastTrialCost = last.get("usage").get("costUsd").asDouble();
		assertThat(cost - lastTrialCost).isLessThan(limit);
		assertThat(http.get("/api/jobs/" + id + "/artifact").status()).isEqualTo(200);
		assertThat(end.get("bestScore").asDouble()).isGreaterThanOrEqualTo(end.get("baselineScore").asDouble());
	}

}
