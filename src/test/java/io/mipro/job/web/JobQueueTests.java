package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Queued jobs on an instance that accepts jobs but runs none: cancel, delete and dataset guards. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mipro.jobs.runner-enabled=false")
class JobQueueTests {

	@LocalServerPort
	int port;

	@Test
	void queuedJobsPinTheirDatasetsAndCancelAtOnce() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String id = client.submit(JobClient.qaJob(train, dev, null, null));

		JsonNode queued = client.job(id);
		assertThat(queued.get("status").asString()).isEqualTo("QUEUED");
		assertThat(queued.get("progress").get("totalTrials").asInt()).isEqualTo(11);
		assertThat(http.get("/api/jobs?status=QUEUED").json().get("totalElements").asLong()).isEqualTo(1);

		Http.Response deleteDataset = http.delete("/api/datasets/" + dev);
		assertThat(deleteDataset.status()).isEqualTo(409);
		assertThat(deleteDataset.isProblem()).isTrue();
		assertThat(http.get("/api/datasets/" + dev).status()).isEqualTo(200);
		assertThat(http.delete("/api/jobs/" + id).status()).isEqualTo(409);
		assertThat(http.get("/api/jobs/" + id + "/artifact").status()).isEqualTo(409);

		Http.Response cancel = http.postJson("/api/jobs/" + id + "/cancel", "");
		assertThat(cancel.status()).isEqualTo(202);
		assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancel.json().get("finishedAt").isString()).isTrue();
		assertThat(http.postJson("/api/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
		assertThat(http.get("/api/jobs/" + id + "/artifact").status()).isEqualTo(409);
		assertThat(http.delete("/api/datasets/" + dev).status()).isEqualTo(204);
		assertThat(http.delete("/api/jobs/" + id).status()).isEqualTo(204);
	}

}
