package io.mipro.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.MiproServiceApplication;
import io.mipro.artifact.DspyArtifact;
import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.JobRequest;
import io.mipro.job.MetricSpec;
import io.mipro.job.JobStatus;
import io.mipro.job.internal.ProgramPlanner;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.UsageCounter;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.program.ProgramImport;
import io.mipro.program.Programs;
import io.mipro.support.SharedData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An evaluation run whose runner dies mid-run (its thread stops forever in a model call, its heartbeat stops with its
 * instance) is taken over by another instance on the same database once the lease expires; it scores only the
 * examples not yet stored and ends with the score an uninterrupted run gets. A cancelled run stops after its
 * current batch.
 */
class EvaluationResumeTests {

	static final CountDownLatch release = new CountDownLatch(1);

	static final AtomicBoolean armed = new AtomicBoolean();

	/** Calls that reached the model of the instance that resumes. */
	static final AtomicInteger resumedCalls = new AtomicInteger();

	/** The simulated model, which stops answering (a dead runner) once armed. */
	@Configuration(proxyBeanMethods = false)
	static class DyingModel {

		@Bean
		@Primary
		ModelProvider dying() {
			return provider(() -> {
				if (armed.get()) {
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
			});
		}

	}

	/** The simulated model, counting what reaches it. */
	@Configuration(proxyBeanMethods = false)
	static class CountingModel {

		@Bean
		@Primary
		ModelProvider counting() {
			return provider(resumedCalls::incrementAndGet);
		}

	}

	static ModelProvider provider(Runnable beforeEachCall) {
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
				beforeEachCall.run();
				return simulated.complete(request, usage);
			}
		};
	}

	@AfterAll
	static void releaseTheDeadThread() {
		release.countDown();
	}

	static ConfigurableApplicationContext instance(String database, Class<?> model) {
		return new SpringApplicationBuilder(MiproServiceApplication.class, model).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "--mipro.jobs.lease-duration=1s",
				"--mipro.jobs.poll-interval=100ms", "--mipro.jobs.shutdown-grace=100ms",
				"--spring.main.allow-bean-definition-overriding=true");
	}

	@Test
	void anotherInstanceResumesARunWhoseRunnerDiedWithoutScoringAnyExampleTwice() throws Exception {
		String database = "eval-crash-" + UUID.randomUUID();
		UUID program;
		UUID dataset;
		UUID crashed;
		int scoredBeforeCrash;
		JsonMapper json = JsonMapper.builder().build();
		try (ConfigurableApplicationContext first = instance(database, DyingModel.class)) {
			DatasetView dev = first.getBean(Datasets.class).importFile("dev", "dev.json", null, null,
					Files.readAllBytes(SharedData.file("squad_xquad_en", "dev")));
			dataset = dev.id();
			JobRequest.ProgramSpec spec = new JobRequest.ProgramSpec("context, question -> answer",
					"Answer with a short span copied from the context.", "predict", null);
			Map<String, Object> artifact = json.readValue(DspyArtifact.toJson(
					DspyArtifact.of(ProgramPlanner.program(spec), Map.of()), json),
					new TypeReference<LinkedHashMap<String, Object>>() {
					});
			program = first.getBean(Programs.class)
				.importProgram(new ProgramImport("short spans", spec, artifact, null))
				.id();
			Evaluations evaluations = first.getBean(Evaluations.class);
			crashed = evaluations.create(new EvaluationRequest(program, dataset, MetricSpec.named("f1"), null, null)).id();
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
				.until(() -> evaluations.get(crashed).evaluated() >= 32);
			armed.set(true);
			Thread.sleep(300);
			scoredBeforeCrash = evaluations.get(crashed).evaluated();
			assertThat(evaluations.get(crashed).status()).isEqualTo(JobStatus.RUNNING);
			assertThat(scoredBeforeCrash).isLessThan(100);
		}

		try (ConfigurableApplicationContext second = instance(database, CountingModel.class)) {
			Evaluations evaluations = second.getBean(Evaluations.class);
			JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> evaluations.get(crashed).status().isTerminal());
			EvaluationView resumed = evaluations.get(crashed);
			assertThat(resumed.status()).as(String.valueOf(resumed.error())).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(resumed.evaluated()).isEqualTo(100);
			assertThat(jdbc.queryForObject("SELECT attempt FROM job WHERE id = ?", Integer.class, crashed)).isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM evaluation_result WHERE job_id = ?", Integer.class,
					crashed)).isEqualTo(100);
			// the examples scored before the crash were not paid for again
			int paid = resumedCalls.get();
			assertThat(paid).isPositive().isLessThanOrEqualTo(100 - scoredBeforeCrash);

			UUID reference = evaluations.create(new EvaluationRequest(program, dataset, MetricSpec.named("f1"), null, null)).id();
			Awaitility.await().atMost(Duration.ofSeconds(60))
				.until(() -> evaluations.get(reference).status().isTerminal());
			assertThat(evaluations.get(reference).score()).isEqualTo(resumed.score());
			List<String> crashedRows = rows(jdbc, crashed);
			assertThat(crashedRows).hasSize(100).isEqualTo(rows(jdbc, reference));
		}
	}

	@Test
	void aRunningRunCancelledStopsAfterItsCurrentBatchKeepingWhatItScored() throws Exception {
		String database = "eval-cancel-" + UUID.randomUUID();
		JsonMapper json = JsonMapper.builder().build();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MiproServiceApplication.class).run(
				"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
				"--mipro.llm.simulated-latency=50ms")) {
			DatasetView dev = context.getBean(Datasets.class).importFile("dev", "dev.json", null, null,
					Files.readAllBytes(SharedData.file("squad_xquad_en", "dev")));
			JobRequest.ProgramSpec spec = new JobRequest.ProgramSpec("context, question -> answer", null, null, null);
			Map<String, Object> artifact = json.readValue(DspyArtifact.toJson(
					DspyArtifact.of(ProgramPlanner.program(spec), Map.of()), json),
					new TypeReference<LinkedHashMap<String, Object>>() {
					});
			UUID program = context.getBean(Programs.class)
				.importProgram(new ProgramImport("to cancel", spec, artifact, null))
				.id();
			Evaluations evaluations = context.getBean(Evaluations.class);
			UUID run = evaluations.create(new EvaluationRequest(program, dev.id(), MetricSpec.named("f1"), null, null)).id();
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
				.until(() -> evaluations.get(run).status() == JobStatus.RUNNING);
			assertThat(evaluations.cancel(run).status()).isEqualTo(JobStatus.RUNNING);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> evaluations.get(run).status().isTerminal());
			EvaluationView cancelled = evaluations.get(run);
			assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
			assertThat(cancelled.score()).isNull();
			assertThat(cancelled.evaluated()).isLessThan(100);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM evaluation_result WHERE job_id = ?", Integer.class, run))
				.isEqualTo(cancelled.evaluated());
		}
	}

	private static List<String> rows(JdbcTemplate jdbc, UUID run) {
		return jdbc.query("SELECT ordinal, prediction, score FROM evaluation_result WHERE job_id = ? ORDER BY ordinal",
				(rs, n) -> rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getDouble(3), run);
	}

}
