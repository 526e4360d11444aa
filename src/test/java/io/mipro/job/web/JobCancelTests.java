package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.mipro.llm.ModelProvider;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Cancelling a running job: it stops within one trial and keeps a consistent record. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mipro.llm.cache=false")
class JobCancelTests {

	/** The simulated model, slowed down so a job runs long enough to be cancelled mid-search. */
	@TestConfiguration
	static class SlowModel {

		@Bean
		@Primary
		ModelProvider slowSimulated() {
			return new SimulatedLanguageModel(Duration.ofMillis(40));
		}

	}

	@LocalServerPort
	int port;

	@Test
	void aRunningJobStopsWithinOneTrial() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String id = client.submit(JobClient.qaJob(train, dev, null, "\"numThreads\": 2"));

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> client.job(id).get("progress").get("completedTrials").asInt() >= 2);
		Http.Response cancel = http.postJson("/api/jobs/" + id + "/cancel", "");
		int trialsAtCancel = cancel.json().get("progress").get("completedTrials").asInt();
		assertThat(cancel.status()).isEqualTo(202);
		assertThat(cancel.json().get("status").asString()).isEqualTo("RUNNING");

		JsonNode job = client.awaitEnd(id, Duration.ofSeconds(30));

		assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(job.get("finishedAt").isString()).isTrue();
		int trials = http.get("/api/jobs/" + id + "/trials").json().size();
		assertThat(trials).isEqualTo(job.get("progress").get("completedTrials").asInt());
		assertThat(trials).isBetween(trialsAtCancel, trialsAtCancel + 1);
		assertThat(trials).isLessThan(11);
		assertThat(http.get("/api/jobs/" + id + "/artifact").status()).isEqualTo(409);
		assertThat(http.postJson("/api/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
		assertThat(http.get("/api/jobs/" + id + "/candidates").json().size()).isEqualTo(3);
	}

}
