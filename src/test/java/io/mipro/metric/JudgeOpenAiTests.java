package io.mipro.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.OpenAiMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * LLM-judged metrics through the real Spring AI OpenAI client against an OpenAI-compatible server on loopback (which
 * answers judge prompts with the simulated judge's word overlap): judge calls are sent under their own model, counted
 * as {@code judgeModelCalls}, cached like every other call, and a judge that stays down fails the job after its
 * retries instead of scoring anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mipro.llm.retry.initial-backoff=5ms", "mipro.llm.retry.max-backoff=20ms",
				"mipro.llm.retry.max-attempts=4", "mipro.llm.retry.max-elapsed=20s" })
class JudgeOpenAiTests {

	static final OpenAiMock openAi = new OpenAiMock();

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> "sk-test-judge-0123456789");
	}

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	static String job(String train, String dev, String metric) {
		return """
				{"name": "judged", "trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"signature": "context, question -> answer",
				             "instructions": "Answer the question based on the given context."},
				 "metric": %s,
				 "optimizer": {"auto": "light", "seed": 9, "strategy": "reference"},
				 "promptModel": {"model": "gpt-prompt"}, "taskModel": {"model": "gpt-task", "temperature": 0.0}}"""
			.formatted(train, dev, metric);
	}

	@Test
	void anLlmJudgeJobRunsEndToEndWithItsJudgeCallsCountedAndCached() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String metric = """
				{"type": "llm_judge", "rubric": "The answer states the same fact as the gold answer.", "scale": 5,
				 "model": {"model": "gpt-judge"}}""";

		String first = client.submit(job(train, dev, metric));
		JsonNode end = client.awaitEnd(first, Duration.ofMinutes(3));

		assertThat(end.get("status").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
		long judged = end.get("lmUsage").get("judgeModelCalls").asLong();
		assertThat(judged).isPositive().isEqualTo(openAi.requests("gpt-judge"));
		assertThat(end.get("lmUsage").get("taskModelCalls").asLong()).isEqualTo(openAi.requests("gpt-task"));
		assertThat(end.get("bestScore").asDouble()).isPositive();
		JsonNode trials = http.get("/api/jobs/" + first + "/trials").json();
		assertThat(trials.get(0).get("usage").get("judgeModelCalls").asLong()).isPositive();
		assertThat(trials.get(0).get("parseFailures").asInt()).isZero();

		// the same job again: every judge verdict comes from the response cache
		String second = client.submit(job(train, dev, metric));
		JsonNode again = client.awaitEnd(second, Duration.ofMinutes(3));
		assertThat(again.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(openAi.requests("gpt-judge")).isEqualTo(judged);
		assertThat(again.get("lmUsage").get("judgeModelCalls").asLong()).isZero();
		assertThat(again.get("lmUsage").get("cachedCalls").asLong()).isGreaterThanOrEqualTo(judged);
		assertThat(again.get("bestScore").asDouble()).isEqualTo(end.get("bestScore").asDouble());
	}

	@Test
	void aJudgeThatStaysDownFailsTheJobAfterItsRetriesAndScoresNothing() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		openAi.failModel("gpt-judge-down", 503);
		try {
			String id = client.submit(job(train, dev, """
					{"type": "semantic_f1", "model": {"model": "gpt-judge-down"}}"""));
			JsonNode failed = client.awaitEnd(id, Duration.ofMinutes(2));

			assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
			assertThat(failed.get("error").asString()).contains("HTTP 503");
			// demo sets bootstrap in parallel; each asks its judge once, retried to 4 attempts, and nothing more
			int sent = openAi.requests("gpt-judge-down");
			assertThat(sent).isPositive().isLessThanOrEqualTo(4 * 6);
			assertThat(sent % 4).as("every judge call was retried to the limit").isZero();
			assertThat(failed.get("lmUsage").get("judgeModelCalls").asLong()).isEqualTo(sent);
			assertThat(http.get("/api/jobs/" + id + "/trials").json().size()).isZero();
		}
		finally {
			openAi.failModel(null, 0);
		}
	}

}
