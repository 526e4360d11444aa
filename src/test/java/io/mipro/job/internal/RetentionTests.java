package io.mipro.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.JobRequest;
import io.mipro.job.Jobs;
import io.mipro.llm.ResponseCachePruner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scheduled pruners keep the response cache and the events of ended jobs within their retention settings. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "mipro.jobs.runner-enabled=false", "mipro.llm.cache-retention.max-age=1d",
				"mipro.llm.cache-retention.max-rows=5", "mipro.jobs.event-retention=1h" })
class RetentionTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ResponseCachePruner cachePruner;

	@Autowired
	JobEventPruner eventPruner;

	@Autowired
	Jobs jobs;

	@Autowired
	Datasets datasets;

	@Autowired
	JobRecords records;

	private void cached(String key, Instant createdAt) {
		jdbc.update("INSERT INTO lm_cache (cache_key, provider, model, response, input_tokens, output_tokens, created_at) "
				+ "VALUES (?, 'p', 'm', 'r', 1, 1, ?)", key, Timestamp.from(createdAt));
	}

	@Test
	void theCacheKeepsAtMostMaxRowsYoungerThanMaxAge() {
		jdbc.update("DELETE FROM lm_cache");
		Instant now = Instant.now();
		for (int i = 0; i < 3; i++) {
			cached("old-" + i, now.minus(Duration.ofDays(2)).plusSeconds(i));
		}
		for (int i = 0; i < 7; i++) {
			cached("new-" + i, now.minus(Duration.ofMinutes(10)).plusSeconds(i));
		}
		jdbc.update("INSERT INTO lm_cache_inflight (cache_key, holder, expires_at) VALUES ('stale', 'dead', ?)",
				Timestamp.from(now.minus(Duration.ofMinutes(5))));

		assertThat(cachePruner.prune()).isEqualTo(5);

		assertThat(jdbc.queryForList("SELECT cache_key FROM lm_cache ORDER BY cache_key", String.class))
			.containsExactly("new-2", "new-3", "new-4", "new-5", "new-6");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lm_cache_inflight", Integer.class)).isZero();
		assertThat(cachePruner.prune()).as("nothing more to do").isZero();
	}

	@Test
	void eventsOfLongEndedJobsArePrunedToTheirFinalEvent() throws Exception {
		DatasetView train = datasets.importFile("train", "train.json", null, null,
				Files.readAllBytes(Path.of("data/train.json")));
		DatasetView dev = datasets.importFile("dev", "dev.json", null, null, Files.readAllBytes(Path.of("data/dev.json")));
		JobRequest request = new JobRequest("retention", train.id(), dev.id(), null,
				new JobRequest.ProgramSpec("context, question -> answer", null, null, null), "f1", null, null, null);
		UUID old = jobs.create(request).id();
		UUID recent = jobs.create(request).id();
		UUID running = jobs.create(request).id();
		for (UUID job : List.of(old, recent, running)) {
			records.insertEvent(job, "trial", Map.of("number", 1));
			records.insertEvent(job, "trial", Map.of("number", 2));
		}
		records.insertEvent(old, "status", Map.of("status", "SUCCEEDED"));
		records.insertEvent(recent, "status", Map.of("status", "FAILED"));
		Instant now = Instant.now();
		jdbc.update("UPDATE job SET status = 'SUCCEEDED', finished_at = ? WHERE id = ?",
				Timestamp.from(now.minus(Duration.ofHours(3))), old);
		jdbc.update("UPDATE job SET status = 'FAILED', finished_at = ? WHERE id = ?",
				Timestamp.from(now.minus(Duration.ofMinutes(10))), recent);
		jdbc.update("UPDATE job SET status = 'RUNNING' WHERE id = ?", running);

		long pruned = eventPruner.prune();

		assertThat(pruned).isEqualTo(3);
		assertThat(records.events(old, 0, 100)).extracting(JobRecords.EventRow::data)
			.containsExactly("{\"status\":\"SUCCEEDED\"}");
		assertThat(records.events(recent, 0, 100)).hasSize(4);
		assertThat(records.events(running, 0, 100)).hasSize(3);
		jdbc.update("UPDATE job SET status = 'CANCELLED' WHERE id = ?", running);
	}

}
