package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mipro.job.internal.JobRecords;
import io.mipro.support.EventStreamClient;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event streams are pushed to from step commits, resume after {@code Last-Event-ID}, carry keep-alive comments, end
 * with their job, and are forgotten when the client goes away or the stream times out. The runner is off: the tests
 * store events themselves, as a running job would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mipro.jobs.runner-enabled=false", "mipro.jobs.event-stream-heartbeat=200ms",
				"mipro.jobs.event-stream-timeout=4s" })
class JobEventStreamTests {

	@LocalServerPort
	int port;

	@Autowired
	JobRecords records;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JobEventStreams streams;

	private String queuedJob() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		return client.submit(JobClient.qaJob(train, dev, null, null));
	}

	private void store(String job, String type, Map<String, Object> data) {
		transactions.executeWithoutResult(status -> records.insertEvent(UUID.fromString(job), type, data));
	}

	@Test
	void aStreamIsPushedToAtEachCommitAndEndsWithItsJob() {
		String job = queuedJob();
		try (EventStreamClient stream = new EventStreamClient(port, "/api/jobs/" + job + "/events", null)) {
			stream.await("\"status\":\"QUEUED\"");

			store(job, "trial", Map.of("number", 1, "score", 50.0));
			stream.await("\"number\":1");
			store(job, "trial", Map.of("number", 2, "score", 60.0));
			stream.await("\"number\":2");
			stream.await(":keepalive");
			assertThat(stream.isEnded()).isFalse();

			new Http(port).postJson("/api/jobs/" + job + "/cancel", "");
			stream.await("\"status\":\"CANCELLED\"");
			stream.awaitEnd();
			assertThat(stream.lines()).filteredOn(l -> l.startsWith("event:"))
				.containsExactly("event:status", "event:trial", "event:trial", "event:status");
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
	}

	@Test
	void aReconnectWithLastEventIdContinuesAfterThatEvent() {
		String job = queuedJob();
		for (int i = 1; i <= 3; i++) {
			store(job, "trial", Map.of("number", i));
		}
		new Http(port).postJson("/api/jobs/" + job + "/cancel", "");
		List<Long> all;
		try (EventStreamClient full = new EventStreamClient(port, "/api/jobs/" + job + "/events", null)) {
			full.awaitEnd();
			all = full.ids();
		}
		assertThat(all).hasSize(5).isSorted();

		try (EventStreamClient resumed = new EventStreamClient(port, "/api/jobs/" + job + "/events", all.get(2))) {
			resumed.awaitEnd();
			assertThat(resumed.ids()).containsExactlyElementsOf(all.subList(3, 5));
			assertThat(resumed.lines()).noneMatch(l -> l.contains("\"number\":1") || l.contains("\"number\":2"));
		}
	}

	@Test
	void aClientThatWentAwayIsForgotten() {
		String job = queuedJob();
		EventStreamClient stream = new EventStreamClient(port, "/api/jobs/" + job + "/events", null);
		stream.await("\"status\":\"QUEUED\"");
		assertThat(streams.openStreams()).isEqualTo(1);

		stream.close();

		// the next keep-alive finds the connection closed
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
		new Http(port).postJson("/api/jobs/" + job + "/cancel", "");
	}

	@Test
	void aQuietStreamTimesOutAndIsForgotten() {
		String job = queuedJob();
		try (EventStreamClient stream = new EventStreamClient(port, "/api/jobs/" + job + "/events", null)) {
			stream.await("\"status\":\"QUEUED\"");
			stream.awaitEnd();
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
		new Http(port).postJson("/api/jobs/" + job + "/cancel", "");
	}

}
