package io.mipro.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** Test helper: datasets and jobs through the HTTP API. */
public final class JobClient {

	private final Http http;

	public JobClient(Http http) {
		this.http = http;
	}

	public String upload(Path file) {
		try {
			Http.Response response = http.upload("/api/datasets", file.getFileName().toString(), "application/json",
					Files.readAllBytes(file));
			assertThat(response.status()).as(response.body()).isEqualTo(201);
			return response.json().get("id").asString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Submits a job body; returns its id (asserting 202). */
	public String submit(String body) {
		Http.Response response = http.postJson("/api/jobs", body);
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return response.json().get("id").asString();
	}

	public JsonNode job(String id) {
		return http.get("/api/jobs/" + id).json();
	}

	/** Polls until the job is in one of the given statuses. */
	public JsonNode awaitStatus(String id, Duration timeout, String... statuses) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode job = job(id);
			last.set(job);
			for (String status : statuses) {
				if (status.equals(job.get("status").asString())) {
					return true;
				}
			}
			return false;
		});
		return last.get();
	}

	public JsonNode awaitEnd(String id, Duration timeout) {
		return awaitStatus(id, timeout, "SUCCEEDED", "FAILED", "CANCELLED");
	}

	/**
	 * A light QA job with the reference strategy, whose counts (11 or 13 trials, 3 candidates) the tests know;
	 * {@code extraOptimizer} adds optimizer fields.
	 */
	public static String qaJob(String train, String dev, String test, String extraOptimizer) {
		return """
				{"name": "qa", "trainDatasetId": "%s", "devDatasetId": "%s", "testDatasetId": %s,
				 "program": {"signature": "context, question -> answer",
				             "instructions": "Answer the question based on the given context."},
				 "metric": "exact_match",
				 "optimizer": {"auto": "light", "seed": 9, "strategy": "reference"%s},
				 "promptModel": {"model": "gpt-prompt"}, "taskModel": {"model": "gpt-task", "temperature": 0.0}}"""
			.formatted(train, dev, test == null ? "null" : "\"" + test + "\"",
					extraOptimizer == null ? "" : ", " + extraOptimizer);
	}

}
