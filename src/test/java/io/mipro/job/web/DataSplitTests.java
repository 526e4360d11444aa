package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A job without a dev set: its train set is split with the job's seed, and the split is in the view and artifact. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataSplitTests {

	@LocalServerPort
	int port;

	static String job(String train, long seed) {
		return """
				{"name": "split", "trainDatasetId": "%s",
				 "program": {"signature": "context, question -> answer"},
				 "optimizer": {"auto": "light", "seed": %d, "strategy": "reference"}}""".formatted(train, seed);
	}

	@Test
	void withoutADevSetTheTrainSetIsSplitBySeedAndTheSplitIsRecorded() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));

		String id = client.submit(job(train, 9));
		JsonNode end = client.awaitEnd(id, Duration.ofMinutes(2));

		assertThat(end.get("status").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
		assertThat(end.get("devDatasetId").isNull()).isTrue();
		JsonNode split = end.get("split");
		assertThat(split.get("datasetId").asString()).isEqualTo(train);
		assertThat(split.get("seed").asLong()).isEqualTo(9);
		assertThat(split.get("devSize").asInt()).isEqualTo(40);
		assertThat(split.get("trainSize").asInt()).isEqualTo(10);
		// the baseline was scored on the 40 validation examples
		assertThat(http.get("/api/jobs/" + id + "/trials").json().get(0).get("batchSize").asInt()).isEqualTo(40);
		JsonNode datasets = http.get("/api/jobs/" + id + "/artifact").json().get("mipro_service").get("datasets");
		assertThat(datasets.has("dev")).isFalse();
		assertThat(datasets.get("split").get("devSize").asInt()).isEqualTo(40);
		assertThat(datasets.get("split").get("rule").asString()).contains("seed");

		// the same seed on the same data makes the same split, so the same run
		String again = client.submit(job(train, 9));
		JsonNode repeat = client.awaitEnd(again, Duration.ofMinutes(2));
		assertThat(repeat.get("baselineScore").asDouble()).isEqualTo(end.get("baselineScore").asDouble());
		assertThat(repeat.get("bestScore").asDouble()).isEqualTo(end.get("bestScore").asDouble());
	}

	@Test
	void aTrainSetTooSmallToSplitIsABadRequest() {
		Http http = new Http(port);
		StringBuilder examples = new StringBuilder();
		for (int i = 0; i < 9; i++) {
			examples.append(i == 0 ? "" : ",").append("{\"question\": \"q").append(i)
				.append("\", \"context\": \"c\", \"answer\": \"a\"}");
		}
		String small = http.postJson("/api/datasets", "{\"name\": \"small\", \"examples\": [" + examples + "]}")
			.json()
			.get("id")
			.asString();

		Http.Response response = http.postJson("/api/jobs", job(small, 9));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("`devDatasetId` is omitted", "at least 10",
				"has 9");
	}

}
