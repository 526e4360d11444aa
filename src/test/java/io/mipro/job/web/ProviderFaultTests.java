package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.OpenAiMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Provider faults through the real OpenAI client: injected transient faults are retried and change nothing; a
 * provider that stays down fails the job with a clear error in bounded time and never scores a trial from it; the
 * configured key appears nowhere but in the requests to the provider. The response cache is off so that every run
 * really calls the server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mipro.llm.cache=false", "mipro.llm.retry.initial-backoff=5ms", "mipro.llm.retry.max-backoff=50ms",
				"mipro.llm.retry.max-attempts=6", "mipro.llm.retry.max-elapsed=20s", "logging.level.io.mipro=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class ProviderFaultTests {

	static final OpenAiMock openAi = new OpenAiMock();

	static final String KEY = "sk-canary-7f3a9c1e5b";

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
	JdbcTemplate jdbc;

	private List<String> trialSequence(Http http, String id) {
		List<String> sequence = new ArrayList<>();
		for (JsonNode trial : http.get("/api/jobs/" + id + "/trials").json()) {
			sequence.add(trial.get("number") + ":" + trial.get("kind").asString() + ":" + trial.get("params") + ":"
					+ trial.get("score").asDouble());
		}
		return sequence;
	}

	private static JsonNode program(JsonNode artifact) {
		return artifact.get("self");
	}

	@Test
	void transientFaultsAreRetriedAndChangeNothingWhileADownProviderFailsTheJobClearly(CapturedOutput output) {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));

		openAi.reset();
		String clean = client.submit(JobClient.qaJob(train, dev, null, null));
		assertThat(client.awaitEnd(clean, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("SUCCEEDED");
		int cleanRequests = openAi.requests();

		openAi.reset();
		openAi.injectFaults(0.10, 42);
		String faulted = client.submit(JobClient.qaJob(train, dev, null, null));
		JsonNode faultedJob = client.awaitEnd(faulted, Duration.ofMinutes(2));
		assertThat(faultedJob.get("status").asString()).as(faultedJob.toString()).isEqualTo("SUCCEEDED");
		assertThat(openAi.faults()).as("faults injected").isGreaterThan(cleanRequests / 20);
		// every fault the service saw was retried and counted; OkHttp itself may re-send a request whose connection
		// was reset, and those re-sends are the only requests the service cannot see
		long sent = faultedJob.get("lmUsage").get("taskModelCalls").asLong()
				+ faultedJob.get("lmUsage").get("promptModelCalls").asLong();
		long unseen = openAi.requests() - sent;
		assertThat(unseen).isBetween(0L, (long) openAi.resets());
		assertThat(faultedJob.get("lmUsage").get("retriedCalls").asLong()).isEqualTo(openAi.faults() - unseen);
		assertThat(sent - faultedJob.get("lmUsage").get("retriedCalls").asLong()).isEqualTo(cleanRequests);
		assertThat(trialSequence(http, faulted)).isEqualTo(trialSequence(http, clean));
		assertThat(program(http.get("/api/jobs/" + faulted + "/artifact").json()))
			.isEqualTo(program(http.get("/api/jobs/" + clean + "/artifact").json()));

		openAi.reset();
		openAi.failAll(503);
		long started = System.nanoTime();
		String down = client.submit(JobClient.qaJob(train, dev, null, null));
		JsonNode failed = client.awaitEnd(down, Duration.ofMinutes(1));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").asString()).contains("HTTP 503").contains("gave up after 6 attempts");
		JsonNode failedUsage = failed.get("lmUsage");
		assertThat(failedUsage.get("taskModelCalls").asLong() + failedUsage.get("promptModelCalls").asLong())
			.as("every request sent to the down provider is counted").isEqualTo(openAi.requests());
		assertThat(took).isLessThan(Duration.ofSeconds(30));
		assertThat(http.get("/api/jobs/" + down + "/trials").json().size()).as("no trial scored from a fault").isZero();
		assertThat(http.get("/api/jobs/" + down + "/artifact").status()).isEqualTo(409);
		openAi.failAll(0);

		// once the provider is back, the failed job resumes and ends like the others
		assertThat(http.postJson("/api/jobs/" + clean + "/resume", "").status()).isEqualTo(409);
		Http.Response resume = http.postJson("/api/jobs/" + down + "/resume", "");
		assertThat(resume.status()).isEqualTo(202);
		assertThat(resume.json().get("status").asString()).isEqualTo("QUEUED");
		assertThat(resume.json().get("error").isNull()).isTrue();
		JsonNode resumed = client.awaitEnd(down, Duration.ofMinutes(1));
		assertThat(resumed.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(trialSequence(http, down)).isEqualTo(trialSequence(http, clean));

		// the key went to the provider, and nowhere else: not in responses, logs or the database
		assertThat(openAi.authorizations()).isNotEmpty().allMatch(("Bearer " + KEY)::equals);
		for (String id : List.of(clean, faulted, down)) {
			for (String path : List.of("", "/trials", "/candidates", "/demo-sets", "/events")) {
				assertThat(http.get("/api/jobs/" + id + path).body()).doesNotContain(KEY);
			}
		}
		assertThat(http.get("/api/jobs/" + clean + "/artifact").body()).doesNotContain(KEY);
		assertThat(output.getAll()).doesNotContain(KEY);
		for (String table : List.of("job", "job_trial", "job_candidate", "job_demo_set", "job_event", "job_artifact",
				"lm_cache", "dataset", "dataset_example")) {
			String dump = String.join("\n", jdbc.query("SELECT * FROM " + table, (rs, n) -> {
				StringBuilder row = new StringBuilder();
				for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
					row.append(rs.getString(c)).append('|');
				}
				return row.toString();
			}));
			assertThat(dump).as("table %s", table).doesNotContain(KEY);
		}
	}

	@Test
	void transientFaultsChangeNothingInTheAdaptiveStrategyEither() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String adaptive = JobClient.qaJob(train, dev, null, null).replace("\"seed\": 9, \"strategy\": \"reference\"",
				"\"seed\": 5, \"strategy\": \"adaptive\"");

		openAi.reset();
		String clean = client.submit(adaptive);
		assertThat(client.awaitEnd(clean, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("SUCCEEDED");
		openAi.reset();
		openAi.injectFaults(0.10, 7);
		String faulted = client.submit(adaptive);
		JsonNode faultedJob = client.awaitEnd(faulted, Duration.ofMinutes(2));
		openAi.injectFaults(0, 0);

		assertThat(faultedJob.get("status").asString()).as(faultedJob.toString()).isEqualTo("SUCCEEDED");
		assertThat(faultedJob.get("lmUsage").get("retriedCalls").asLong()).isPositive();
		assertThat(trialSequence(http, faulted)).isEqualTo(trialSequence(http, clean))
			.anyMatch(trial -> trial.contains(":minibatch:"));
		assertThat(http.get("/api/jobs/" + faulted + "/trials").body()).contains("\"role\":\"screening\"");
		assertThat(program(http.get("/api/jobs/" + faulted + "/artifact").json()))
			.isEqualTo(program(http.get("/api/jobs/" + clean + "/artifact").json()));
	}

}
