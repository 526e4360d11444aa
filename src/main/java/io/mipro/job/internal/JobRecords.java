package io.mipro.job.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.Trial;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a job learned, row by row: demo sets, instruction candidates, trials, events and the artifact. Plain JDBC:
 * rows are written once and read in bulk; the core's records travel as JSON.
 */
@Component
public class JobRecords {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher publisher;

	private final JobEventChannel channel;

	public JobRecords(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<MeterRegistry> meters,
			ApplicationEventPublisher publisher, JobEventChannel channel) {
		this.jdbc = jdbc;
		this.json = json;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.publisher = publisher;
		this.channel = channel;
	}

	/** A stored event. */
	public record EventRow(long id, Instant createdAt, String type, String data) {
	}

	private static Timestamp now() {
		return Timestamp.from(Instant.now());
	}

	public void insertDemoSet(UUID job, DemoSet set) {
		jdbc.update("INSERT INTO job_demo_set (job_id, idx, kind, demos) VALUES (?, ?, ?, ?)", job, set.index(),
				set.kind().name(), json.writeValueAsString(set.demosPerPredictor()));
	}

	public List<DemoSet> demoSets(UUID job) {
		return jdbc.query("SELECT idx, kind, demos FROM job_demo_set WHERE job_id = ? ORDER BY idx",
				(rs, n) -> new DemoSet(rs.getInt(1), DemoSet.Kind.valueOf(rs.getString(2)),
						json.readValue(rs.getString(3), DemoSetJson.TYPE)),
				job);
	}

	public void insertCandidate(UUID job, InstructionCandidate c) {
		jdbc.update("INSERT INTO job_candidate (job_id, predictor, idx, text, round, tip, temperature, rollout_id, "
				+ "demo_set) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", job, c.predictor(), c.index(), c.text(), c.round(),
				c.tip(), c.temperature(), c.rolloutId(), c.demoSet());
	}

	public List<InstructionCandidate> candidates(UUID job) {
		return jdbc.query("SELECT predictor, idx, text, round, tip, temperature, rollout_id, demo_set "
				+ "FROM job_candidate WHERE job_id = ? ORDER BY predictor, idx", (rs, n) -> new InstructionCandidate(
						rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
						(Double) rs.getObject(6, Double.class), (Long) rs.getObject(7, Long.class),
						(Integer) rs.getObject(8, Integer.class)),
				job);
	}

	public void insertTrial(UUID job, Trial trial) {
		jdbc.update("INSERT INTO job_trial (job_id, number, kind, score, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
				job, trial.number(), trial.kind().name(), trial.score(), json.writeValueAsString(trial), now());
		// every trial is stored here exactly once, so this is where its duration is measured
		Timer.builder("mipro.trial.duration")
			.description("Wall time of a trial (one minibatch or full evaluation)")
			.tag("kind", trial.kind().isFull() ? "full" : "minibatch")
			.register(meters)
			.record(java.time.Duration.ofMillis(trial.durationMillis()));
	}

	public List<Trial> trials(UUID job) {
		return jdbc.query("SELECT data FROM job_trial WHERE job_id = ? ORDER BY number",
				(rs, n) -> json.readValue(rs.getString(1), Trial.class), job);
	}

	/**
	 * Stores an event. Open event streams of the job are pushed to once the transaction commits: here through an
	 * application event, on other instances through the PostgreSQL channel.
	 */
	public void insertEvent(UUID job, String type, Object data) {
		jdbc.update("INSERT INTO job_event (job_id, created_at, type, data) VALUES (?, CURRENT_TIMESTAMP, ?, ?)", job,
				type, json.writeValueAsString(data));
		channel.notifyAppended(job);
		publisher.publishEvent(new JobEventsAppended(job));
	}

	public List<EventRow> events(UUID job, long afterId, int limit) {
		return jdbc.query("SELECT id, created_at, type, data FROM job_event WHERE job_id = ? AND id > ? ORDER BY id "
				+ "FETCH FIRST " + limit + " ROWS ONLY",
				(rs, n) -> new EventRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)),
				job, afterId);
	}

	public void saveArtifact(UUID job, String content) {
		jdbc.update("INSERT INTO job_artifact (job_id, content, created_at) VALUES (?, ?, ?)", job, content, now());
	}

	public Optional<String> artifact(UUID job) {
		return jdbc.query("SELECT content FROM job_artifact WHERE job_id = ?", (rs, n) -> rs.getString(1), job)
			.stream()
			.findFirst();
	}

	/** The corpora a job's retrieve steps search, so they are not deleted under it. */
	public void insertCorpora(UUID job, java.util.Collection<UUID> datasets) {
		for (UUID dataset : new java.util.LinkedHashSet<>(datasets)) {
			jdbc.update("INSERT INTO job_corpus (job_id, dataset_id) VALUES (?, ?)", job, dataset);
		}
	}

	/** Queued or running jobs that search this dataset as a corpus. */
	public long countActiveSearching(UUID dataset) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM job_corpus c JOIN job j ON j.id = c.job_id "
				+ "WHERE c.dataset_id = ? AND j.status IN ('QUEUED', 'RUNNING')", Long.class, dataset);
		return count == null ? 0 : count;
	}

	/** Deletes everything a job stored (the job row's cascade would too; explicit for databases without it). */
	public void deleteAll(UUID job) {
		for (String table : new String[] { "job_event", "job_artifact", "job_trial", "job_candidate", "job_demo_set",
				"job_corpus" }) {
			jdbc.update("DELETE FROM " + table + " WHERE job_id = ?", job);
		}
	}

	/** The JSON type of a demo set's lists. */
	static final class DemoSetJson {

		static final tools.jackson.core.type.TypeReference<List<List<io.mipro.optimizer.program.Demo>>> TYPE = new tools.jackson.core.type.TypeReference<>() {
		};

		private DemoSetJson() {
		}

	}

}
