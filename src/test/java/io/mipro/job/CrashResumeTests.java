package io.mipro.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mipro.MiproServiceApplication;
import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.UsageCounter;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A runner that dies mid-job (its thread stops forever between two model calls, its heartbeat stops with its
 * instance) leaves the job RUNNING under an expiring lease; another instance on the same database takes it over and
 * resumes from the last persisted step, ending with exactly the trials and program of an uninterrupted run.
 */
class CrashResumeTests {

	static final CountDownLatch release = new CountDownLatch(1);

	static final AtomicBoolean armed = new AtomicBoolean();

	/** The simulated model, which stops answering (a dead runner) once armed. */
	@Configuration(proxyBeanMethods = false)
	static class DyingModel {

		@Bean
		@Primary
		ModelProvider dying() {
			SimulatedLanguageModel simulated = new SimulatedLanguageModel();
			return new ModelProvider() {
				@Override
				public String name() {
					return "simulated";
				}

				@Override
				public boolean simulated() {
					return true;
				}

				@Override
				public Completion complete(ChatRequest request, UsageCounter usage) {
					if (armed.get()) {
						// a dead runner: it never answers, and ignores the interrupts of its instance stopping
						while (release.getCount() > 0) {
							try {
								release.await();
							}
							catch (InterruptedException ignored) {
								// still dead
							}
						}
						throw new IllegalStateException("this runner is dead");
					}
					return simulated.complete(request, usage);
				}
			};
		}

	}

	@AfterAll
	static void releaseTheDeadThread() {
		release.countDown();
	}

	static ConfigurableApplicationContext instance(String database, Class<?>... extra) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = MiproServiceApplication.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return new SpringApplicationBuilder(sources).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "--mipro.jobs.lease-duration=1s",
				"--mipro.jobs.poll-interval=100ms", "--mipro.jobs.shutdown-grace=100ms",
				"--spring.main.allow-bean-definition-overriding=true");
	}

	private static List<String> trials(JdbcTemplate jdbc, UUID job) {
		return jdbc.query("SELECT number, kind, score, data FROM job_trial WHERE job_id = ? ORDER BY number",
				(rs, n) -> rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getDouble(3) + ":"
						+ JsonMapper.builder().build().readTree(rs.getString(4)).get("params"),
				job);
	}

	@org.junit.jupiter.params.ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.ValueSource(strings = { "reference", "adaptive" })
	void anotherInstanceResumesAJobWhoseRunnerDied(String strategy) throws Exception {
		armed.set(false);
		String database = "crash-" + UUID.randomUUID();
		JobRequest request;
		UUID crashed;
		Instant crashAt;
		int trialsBeforeCrash;
		try (ConfigurableApplicationContext first = instance(database, DyingModel.class)) {
			Datasets datasets = first.getBean(Datasets.class);
			DatasetView train = datasets.importFile("train", "train.json", null, null,
					Files.readAllBytes(Path.of("data/train.json")));
			DatasetView dev = datasets.importFile("dev", "dev.json", null, null, Files.readAllBytes(Path.of("data/dev.json")));
			request = new JobRequest("crash", train.id(), dev.id(), null,
					new JobRequest.ProgramSpec("context, question -> answer", "Answer the question.", null, null), "f1",
					new JobRequest.OptimizerSpec(null, null, null, null, null, null, null, null, null, null, null, null,
							null, null, strategy, null),
					null, null);
			Jobs jobs = first.getBean(Jobs.class);
			crashed = jobs.create(request).id();
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
				.until(() -> jobs.get(crashed).progress().completedTrials() >= 4);
			armed.set(true);
			crashAt = Instant.now();
			Thread.sleep(300);
			trialsBeforeCrash = jobs.get(crashed).progress().completedTrials();
			assertThat(jobs.get(crashed).status()).isEqualTo(JobStatus.RUNNING);
		}

		try (ConfigurableApplicationContext second = instance(database)) {
			Jobs jobs = second.getBean(Jobs.class);
			JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jobs.get(crashed).status().isTerminal());
			JobView resumed = jobs.get(crashed);
			assertThat(resumed.status()).as(String.valueOf(resumed.error())).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(jdbc.queryForObject("SELECT attempt FROM job WHERE id = ?", Integer.class, crashed)).isEqualTo(2);
			assertThat(jdbc.queryForList("SELECT data FROM job_event WHERE job_id = ? AND type = 'status'", String.class,
					crashed)).anyMatch(data -> data.contains("lease expired"));
			// the trials from before the crash were kept, not redone
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job_trial WHERE job_id = ? AND created_at <= ?",
					Integer.class, crashed, java.sql.Timestamp.from(crashAt))).isGreaterThanOrEqualTo(4)
				.isLessThanOrEqualTo(trialsBeforeCrash);

			UUID reference = jobs.create(request).id();
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jobs.get(reference).status().isTerminal());
			assertThat(jobs.get(reference).status()).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(trials(jdbc, crashed)).hasSize(jobs.get(reference).progress().completedTrials())
				.hasSizeGreaterThan(trialsBeforeCrash)
				.isEqualTo(trials(jdbc, reference));
			JsonMapper json = JsonMapper.builder().build();
			assertThat(json.readTree(jobs.artifact(crashed).getValue()).get("self"))
				.isEqualTo(json.readTree(jobs.artifact(reference).getValue()).get("self"));
		}
	}

	@Test
	void aStoppingInstanceRequeuesItsRunningJobAtTheEndOfTheStep() throws Exception {
		String database = "stop-" + UUID.randomUUID();
		UUID job;
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(MiproServiceApplication.class).run(
				"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
				"--mipro.llm.simulated-latency=20ms", "--mipro.jobs.shutdown-grace=20s")) {
			Datasets datasets = first.getBean(Datasets.class);
			DatasetView train = datasets.importFile("train", "train.json", null, null,
					Files.readAllBytes(Path.of("data/train.json")));
			DatasetView dev = datasets.importFile("dev", "dev.json", null, null, Files.readAllBytes(Path.of("data/dev.json")));
			Jobs jobs = first.getBean(Jobs.class);
			job = jobs.create(new JobRequest("stop", train.id(), dev.id(), null,
					new JobRequest.ProgramSpec("context, question -> answer", null, null, null), "f1", null, null, null))
				.id();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(job).progress().completedTrials() >= 1);
		}
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(MiproServiceApplication.class).run(
				"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
				"--mipro.jobs.runner-enabled=false")) {
			JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
			assertThat(second.getBean(Jobs.class).get(job).status()).isEqualTo(JobStatus.QUEUED);
			assertThat(jdbc.queryForObject("SELECT owner FROM job WHERE id = ?", String.class, job)).isNull();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job_trial WHERE job_id = ?", Integer.class, job))
				.isPositive();
		}
	}

}
