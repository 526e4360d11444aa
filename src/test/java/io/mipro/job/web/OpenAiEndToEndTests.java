package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.mipro.support.DspyLoadRules;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.OpenAiMock;
import io.mipro.support.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A light job on the public QA data through the real Spring AI OpenAI client, against an OpenAI-compatible server on
 * loopback that answers in the ChatAdapter format.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenAiEndToEndTests {

	static final OpenAiMock openAi = new OpenAiMock();

	static final String KEY = "sk-test-e2e-0123456789";

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> KEY);
	}

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void lightJobOnSquadThroughTheOpenAiClient() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(SharedData.file("squad_xquad_en", "train"));
		String dev = client.upload(SharedData.file("squad_xquad_en", "dev"));
		String test = client.upload(SharedData.file("squad_xquad_en", "test"));

		String id = client.submit(JobClient.qaJob(train, dev, test, null));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(3));

		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("provider").asString()).isEqualTo("openai");
		assertThat(job.get("simulated").asBoolean()).isFalse();

		JsonNode trials = http.get("/api/jobs/" + id + "/trials").json();
		long minibatch = count(trials, "kind", "minibatch");
		long periodic = count(trials, "role", "periodic");
		assertThat(minibatch).isEqualTo(10);
		assertThat(periodic).isEqualTo(2);
		assertThat(count(trials, "role", "baseline")).isEqualTo(1);
		assertThat(trials.size()).isEqualTo(13);
		assertThat(trials.get(0).get("batchSize").asInt()).isEqualTo(100);
		assertThat(trials.get(1).get("batchSize").asInt()).isEqualTo(35);
		assertThat(http.get("/api/jobs/" + id + "/demo-sets").json().size()).isEqualTo(6);
		assertThat(job.get("progress").get("completedTrials").asInt()).isEqualTo(13);
		assertThat(job.get("progress").get("totalTrials").asInt()).isEqualTo(13);
		assertThat(job.get("progress").get("fullEvaluations").asInt()).isEqualTo(2);
		assertThat(job.get("baselineTestScore").isNumber()).isTrue();
		assertThat(job.get("testScore").isNumber()).isTrue();
		assertThat(job.get("bestScore").asDouble()).isGreaterThanOrEqualTo(job.get("baselineScore").asDouble());

		// the usage the job reports is what the server received, per model
		JsonNode usage = job.get("lmUsage");
		assertThat(usage.get("promptModelCalls").asLong() + usage.get("taskModelCalls").asLong())
			.isEqualTo(openAi.requests());
		assertThat(usage.get("promptModelCalls").asLong()).isEqualTo(openAi.requests("gpt-prompt"));
		assertThat(usage.get("taskModelCalls").asLong()).isEqualTo(openAi.requests("gpt-task"));
		assertThat(usage.get("cachedCalls").asLong()).isPositive();
		assertThat(usage.get("inputTokens").asLong()).isPositive();
		assertThat(openAi.authorizations()).containsOnly("Bearer " + KEY);
		// every call went through Spring AI's ChatClient, whose observations reach Micrometer
		assertThat(meters.find("spring.ai.chat.client").timers().stream().mapToLong(t -> t.count()).sum())
			.isEqualTo(openAi.requests());
		assertThat(meters.find("gen_ai.client.operation").timers().stream().mapToLong(t -> t.count()).sum())
			.isEqualTo(openAi.requests());
		assertThat(meters.find("gen_ai.client.token.usage").counters()).isNotEmpty();

		Http.Response artifact = http.get("/api/jobs/" + id + "/artifact");
		assertThat(artifact.status()).isEqualTo(200);
		DspyLoadRules.assertLoadable(artifact.json(), Map.of("self", 3));
		assertThat(artifact.json().get("mipro_service").get("provider").asString()).isEqualTo("openai");
		// the key never leaves the server's configuration
		assertThat(artifact.body()).doesNotContain(KEY);
		assertThat(http.get("/api/jobs/" + id).body()).doesNotContain(KEY);
		assertThat(http.get("/api/jobs/" + id + "/trials").body()).doesNotContain(KEY);
	}

	private static long count(JsonNode array, String field, String value) {
		long n = 0;
		for (JsonNode node : array) {
			if (value.equals(node.get(field).asString())) {
				n++;
			}
		}
		return n;
	}

}
