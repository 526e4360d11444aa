package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A corpus a queued job will search cannot be deleted under it (the runner is off here, so the job stays queued). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mipro.jobs.runner-enabled=false")
class CorpusInUseTests {

	@LocalServerPort
	int port;

	@Test
	void aCorpusCannotBeDeletedWhileAQueuedJobSearchesIt() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String corpus = client.upload(Path.of("data/corpus.json"));
		String id = client.submit(PipelineApiTests.retrievalJob(train, dev, corpus));

		Http.Response refused = http.delete("/api/datasets/" + corpus);

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.body()).contains("as a corpus");
		assertThat(http.postJson("/api/jobs/" + id + "/cancel", "").status()).isEqualTo(202);
		assertThat(http.delete("/api/datasets/" + corpus).status()).isEqualTo(204);
	}

}
