package io.mipro.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.Jobs;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.UsageCounter;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModelException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What keeps a job correct when instances share it: claims by provider, a lost lease that stops the execution at
 * once, an end that survives a concurrent cancel, a refused task that leaves nothing RUNNING, and one record of
 * usage. The runner's schedule is off: tests poll and beat it themselves, so every step is in their hands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "mipro.jobs.runner-enabled=false", "mipro.llm.cache=false" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobFleetTests {

	/** The simulated model, a little slow, counting the calls it starts; it can be made to fail for good. */
	static final class CountingModel implements ModelProvider {

		final SimulatedLanguageModel simulated = new SimulatedLanguageModel(Duration.ofMillis(3));

		final AtomicInteger started = new AtomicInteger();

		final AtomicBoolean failing = new AtomicBoolean();

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
			started.incrementAndGet();
			if (failing.get()) {
				usage.sent(request.role(), false);
				throw new LanguageModelException(request.model() + ": HTTP 400 (not retryable)", false, null);
			}
			return simulated.complete(request, usage);
		}

	}

	@TestConfiguration
	static class Models {

		@Bean
		@Primary
		CountingModel countingModel() {
			return new CountingModel();
		}

	}

	@Autowired
	Jobs jobs;

	@Autowired
	Datasets datasets;

	@Autowired
	JobRunner runner;

	@Autowired
	JobExecution execution;

	@Autowired
	JobRepository repository;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CountingModel model;

	@Autowired
	ThreadPoolTaskExecutor jobExecutor;

	JobRequest request() throws Exception {
		DatasetView train = datasets.importFile("train", "train.json", null, null,
				Files.readAllBytes(Path.of("data/train.json")));
		DatasetView dev = datasets.importFile("dev", "dev.json", null, null, Files.readAllBytes(Path.of("data/dev.json")));
		return new JobRequest("fleet", train.id(), dev.id(), null,
				new JobRequest.ProgramSpec("context, question -> answer", "Answer the question.", null, null), "f1",
				null, null, null);
	}

	private int trials(UUID job) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM job_trial WHERE job_id = ?", Integer.class, job);
	}

	private JobView awaitEnd(UUID job) {
		Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> jobs.get(job).status().isTerminal());
		return jobs.get(job);
	}

	@Test
	@Order(1)
	void anInstanceClaimsOnlyJobsOfItsProvider() throws Exception {
		JobRequest request = request();
		UUID openai = jobs.create(request).id();
		UUID simulated = jobs.create(request).id();
		jdbc.update("UPDATE job SET provider = 'openai' WHERE id = ?", openai);

		runner.poll();

		assertThat(jobs.get(simulated).status()).isEqualTo(JobStatus.RUNNING);
		assertThat(jobs.get(openai).status()).as("left for an instance with an OpenAI key").isEqualTo(JobStatus.QUEUED);
		assertThat(jobs.get(openai).error()).isNull();
		assertThat(awaitEnd(simulated).status()).isEqualTo(JobStatus.SUCCEEDED);
		jobs.cancel(openai);
	}

	@Test
	@Order(2)
	void aLostLeaseStopsTheExecutionAtOnceWithoutWriting() throws Exception {
		UUID job = jobs.create(request()).id();
		runner.poll();
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
			.until(() -> trials(job) >= 2);

		// another instance took the job over after the lease expired (as a stalled instance would find)
		jdbc.update("UPDATE job SET owner = 'other-instance', attempt = attempt + 1 WHERE id = ?", job);
		int trialsAtTakeover = trials(job);
		runner.heartbeat();
		int startedWhenLost = model.started.get();

		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !runner.running().contains(job));
		assertThat(trials(job)).as("no step written after the takeover").isEqualTo(trialsAtTakeover);
		// calls already past the guard may finish; no new one starts (a trial alone is 20 calls)
		assertThat(model.started.get() - startedWhenLost).isLessThanOrEqualTo(4);
		assertThat(jdbc.queryForObject("SELECT owner FROM job WHERE id = ?", String.class, job))
			.isEqualTo("other-instance");
		assertThat(jobs.get(job).status()).isEqualTo(JobStatus.RUNNING);
		jdbc.update("UPDATE job SET status = 'CANCELLED', owner = NULL WHERE id = ?", job);
	}

	@Test
	@Order(3)
	void anEndThatRacesACancelIsAppliedAgainNotFailed() throws Exception {
		UUID job = jobs.create(request()).id();
		RunningJob running = transactions.execute(status -> {
			JobEntity entity = repository.findById(job).orElseThrow();
			entity.start("this-instance", Instant.now());
			repository.saveAndFlush(entity);
			return new RunningJob(job, "this-instance", entity.getAttempt());
		});
		AtomicInteger applied = new AtomicInteger();

		execution.end(running, entity -> {
			if (applied.incrementAndGet() == 1) {
				// a cancel request commits between our read of the row and our write
				CompletableFuture.runAsync(() -> jobs.cancel(job)).join();
			}
			entity.succeed();
		}, "succeeded", Map.of());

		assertThat(applied.get()).as("applied again on the fresh row").isEqualTo(2);
		JobView ended = jobs.get(job);
		assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(ended.error()).isNull();
	}

	@Test
	@Order(4)
	void theBudgetAndTheViewCountTheSameCallsAfterAResume() throws Exception {
		UUID job = jobs.create(request()).id();
		runner.poll();
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
			.until(() -> trials(job) >= 3);
		// the provider fails for good mid-step: the calls of that step are in the view, not in any checkpoint
		model.failing.set(true);
		JobView failed = awaitEnd(job);
		model.failing.set(false);
		assertThat(failed.status()).isEqualTo(JobStatus.FAILED);

		jobs.resume(job);
		runner.poll();
		JobView done = awaitEnd(job);

		assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(JobStatus.SUCCEEDED);
		String checkpoint = jdbc.queryForObject("SELECT checkpoint FROM job WHERE id = ?", String.class, job);
		var budgetUsage = JsonMapper.builder().build().readTree(checkpoint).get("usage");
		long budgetCalls = budgetUsage.get("promptModelCalls").asLong() + budgetUsage.get("taskModelCalls").asLong();
		assertThat(budgetCalls).as("what the budget counted is what the view shows")
			.isEqualTo(done.lmUsage().promptModelCalls() + done.lmUsage().taskModelCalls())
			.isGreaterThan(failed.lmUsage().promptModelCalls() + failed.lmUsage().taskModelCalls());
	}

	@Test
	@Order(5)
	void aJobTheExecutorRefusesGoesBackToTheQueue() throws Exception {
		UUID job = jobs.create(request()).id();
		jobExecutor.shutdown();
		assertThat(jobExecutor.getThreadPoolExecutor().awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		runner.poll();

		JobView view = jobs.get(job);
		assertThat(view.status()).as("never left RUNNING with nobody on it").isEqualTo(JobStatus.QUEUED);
		assertThat(jdbc.queryForObject("SELECT owner FROM job WHERE id = ?", String.class, job)).isNull();
		assertThat(runner.running()).doesNotContain(job);
		assertThat(jdbc.queryForList("SELECT data FROM job_event WHERE job_id = ? AND type = 'status'", String.class,
				job)).anyMatch(data -> data.contains("executor refused"));
	}

}
