package io.mipro.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.Jobs;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every database behind jobs must do: claims that never hand one job to two claimers, and a whole job run with
 * its checkpoints. Run on H2 and on PostgreSQL by the subclasses (the runner's schedule is off; tests poll it).
 */
abstract class JobStoreContract {

	@Autowired
	Jobs jobs;

	@Autowired
	Datasets datasets;

	@Autowired
	JobRepository repository;

	@Autowired
	JobRunner runner;

	@Autowired
	JobRecords records;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	JobRequest request() throws Exception {
		DatasetView train = datasets.importFile("train", "train.json", null, null,
				Files.readAllBytes(Path.of("data/train.json")));
		DatasetView dev = datasets.importFile("dev", "dev.json", null, null, Files.readAllBytes(Path.of("data/dev.json")));
		return new JobRequest("contract", train.id(), dev.id(), null,
				new JobRequest.ProgramSpec("context, question -> answer", "Answer the question.", null, null), "f1",
				reference(), null, null);
	}

	/** The reference strategy, whose counts this contract checks. */
	static JobRequest.OptimizerSpec reference() {
		JobRequest.OptimizerSpec d = JobRequest.OptimizerSpec.defaults();
		return new JobRequest.OptimizerSpec(d.auto(), d.numCandidates(), d.numTrials(), d.maxBootstrappedDemos(),
				d.maxLabeledDemos(), d.minibatch(), d.minibatchSize(), d.minibatchFullEvalSteps(), d.initTemperature(),
				d.proposalRounds(), d.seed(), d.maxLmCalls(), d.metricThreshold(), d.numThreads(), "reference",
				d.parallelTrials());
	}

	@Test
	void concurrentClaimsNeverTakeTheSameJob() throws Exception {
		JobRequest request = request();
		List<UUID> queued = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			queued.add(jobs.create(request).id());
		}
		CountDownLatch firstHolds = new CountDownLatch(1);
		CountDownLatch secondDone = new CountDownLatch(1);
		CompletableFuture<List<UUID>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
			List<UUID> ids = claim(2);
			firstHolds.countDown();
			await(secondDone);
			return ids;
		}));
		assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
		long started = System.nanoTime();
		List<UUID> second = transactions.execute(status -> claim(3));
		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		secondDone.countDown();
		List<UUID> firstIds = first.get(10, TimeUnit.SECONDS);

		Set<UUID> overlap = new HashSet<>(firstIds);
		overlap.retainAll(second);
		assertThat(overlap).as("no job claimed twice").isEmpty();
		assertThat(firstIds).hasSize(2).isSubsetOf(queued);
		assertThat(waited).as("the second claimer skips locked rows instead of waiting").isLessThan(Duration.ofSeconds(5));
		secondClaimerSees(second, queued, firstIds);
		jdbc.update("UPDATE job SET status = 'CANCELLED' WHERE status = 'QUEUED'");
	}

	/** What the second claimer gets besides the rows the first holds (databases differ here). */
	abstract void secondClaimerSees(List<UUID> second, List<UUID> queued, List<UUID> first);

	private List<UUID> claim(int n) {
		return repository.lockNext(JobStatus.QUEUED, PageRequest.of(0, n)).stream().map(JobEntity::getId).toList();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aJobRunsWithACheckpointPerStep() throws Exception {
		JobView created = jobs.create(request());
		runner.poll();

		Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> jobs.get(created.id()).status().isTerminal());
		JobView done = jobs.get(created.id());

		assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(records.trials(created.id())).hasSize(11);
		assertThat(records.demoSets(created.id())).hasSize(6);
		assertThat(records.candidates(created.id())).hasSize(3);
		assertThat(records.artifact(created.id())).isPresent();
		assertThat(records.events(created.id(), 0, 1000)).extracting(JobRecords.EventRow::type)
			.contains("status", "demo-set", "candidate", "trial", "new-best", "finished");
		JobEntity entity = repository.findById(created.id()).orElseThrow();
		assertThat(entity.getCheckpoint()).contains("\"phase\":\"DONE\"");
		assertThat(entity.getOwner()).isNull();
		assertThat(done.bestScore()).isGreaterThan(done.baselineScore());
	}

}
