package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mipro.fleet.DatabaseClock;
import io.mipro.fleet.FleetInstance;
import io.mipro.job.JobStatus;
import io.mipro.llm.ModelProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims queued jobs for this instance and hands them to the bounded job executor. Several instances can share one
 * PostgreSQL:
 * <ul>
 * <li>claims lock rows with {@code SKIP LOCKED} and take only jobs of this instance's model provider, so an instance
 * without (say) an OpenAI key never takes, and fails, the fleet's OpenAI jobs;</li>
 * <li>a claim holds a lease timed by the database's clock, which a heartbeat renews while the job runs; a job whose
 * lease ran out (its instance died) goes back to the queue, where any instance resumes it from its last step;</li>
 * <li>a heartbeat that finds the lease gone (another instance took the job over) stops that execution at once.</li>
 * </ul>
 */
@Component
public class JobRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private static final long SKEW_CHECK_MILLIS = 60_000;

	private final JobRepository jobs;

	private final JobRecords records;

	private final JobExecution execution;

	private final JobsProperties properties;

	private final TransactionTemplate transactions;

	private final JobLeases leases;

	private final FleetInstance instance;

	private final DatabaseClock databaseClock;

	private final String provider;

	private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();

	/** Created on each start: a stopped context (Spring pauses cached test contexts) may be started again. */
	private volatile ScheduledExecutorService scheduler;

	private volatile boolean stopping;

	private volatile boolean started;

	public JobRunner(JobRepository jobs, JobRecords records, JobExecution execution, JobsProperties properties,
			TransactionTemplate transactions, JobLeases leases, FleetInstance instance, DatabaseClock databaseClock,
			ModelProvider provider) {
		this.jobs = jobs;
		this.records = records;
		this.execution = execution;
		this.properties = properties;
		this.transactions = transactions;
		this.leases = leases;
		this.instance = instance;
		this.databaseClock = databaseClock;
		this.provider = provider.name();
	}

	/**
	 * Starts polling once the context is refreshed, before command-line runners (the demo waits for a job) and before
	 * the web server takes requests.
	 */
	@Override
	public void start() {
		started = true;
		stopping = false;
		if (!properties.runnerEnabled()) {
			log.info("Job runner disabled (mipro.jobs.runner-enabled=false): jobs are accepted but not run here");
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "job-runner");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler = scheduler;
		long poll = properties.pollInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::pollSafely, 0, poll, TimeUnit.MILLISECONDS);
		long beat = Math.max(100, properties.leaseDuration().toMillis() / 3);
		scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
		scheduler.scheduleWithFixedDelay(this::checkSkew, 0, SKEW_CHECK_MILLIS, TimeUnit.MILLISECONDS);
		log.info("Job runner {} started: {} jobs of provider `{}` at once, lease {}", instance.id(),
				properties.maxConcurrent(), provider, properties.leaseDuration());
	}

	@Override
	public boolean isRunning() {
		return started && !stopping;
	}

	/** Stops first among the lifecycle beans, so running jobs end their step before any executor shuts down. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	/** Looks at the queue now (a job was just submitted). */
	public void wake() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (!stopping && properties.runnerEnabled() && scheduler != null) {
			try {
				scheduler.execute(this::pollSafely);
			}
			catch (java.util.concurrent.RejectedExecutionException stopped) {
				// the runner is stopping; the next instance's poll finds the job
			}
		}
	}

	public boolean isStopping() {
		return stopping;
	}

	public String instance() {
		return instance.id();
	}

	void done(RunningJob job) {
		running.remove(job.jobId(), job);
		wake();
	}

	private void pollSafely() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			log.warn("Polling the job queue failed; will retry: {}", ex.toString());
		}
	}

	/** Returns expired leases to the queue, then claims as many queued jobs as there is room for. */
	void poll() {
		if (stopping) {
			return;
		}
		requeueExpired();
		int free = properties.maxConcurrent() - running.size();
		if (free <= 0) {
			return;
		}
		List<RunningJob> claimed = transactions.execute(status -> {
			List<RunningJob> executions = new ArrayList<>();
			for (JobEntity job : jobs.lockNext(JobStatus.QUEUED, provider, PageRequest.of(0, free))) {
				job.start(instance.id(), instance.clock().instant());
				jobs.saveAndFlush(job);
				leases.start(job.getId());
				records.insertEvent(job.getId(), "status",
						Map.of("status", JobStatus.RUNNING, "instance", instance.id(), "attempt", job.getAttempt()));
				executions.add(new RunningJob(job.getId(), instance.id(), job.getAttempt()));
			}
			return executions;
		});
		for (RunningJob job : claimed) {
			running.put(job.jobId(), job);
			log.info("Claimed job {} (attempt {})", job.jobId(), job.attempt());
			try {
				execution.run(job, this);
			}
			catch (TaskRejectedException rejected) {
				// the executor refused it (full, or shutting down): the job must not stay RUNNING with nobody on it
				running.remove(job.jobId(), job);
				log.warn("The job executor refused job {}; back to the queue: {}", job.jobId(), rejected.getMessage());
				execution.end(job, JobEntity::requeue, "requeued", Map.of("reason", "not started: executor refused it"));
			}
		}
	}

	private void requeueExpired() {
		transactions.executeWithoutResult(status -> {
			for (JobEntity job : jobs.lockExpired(PageRequest.of(0, 10))) {
				log.warn("Job {} lost its runner {} (lease expired at {} by the database's clock); back to the queue to "
						+ "resume", job.getId(), job.getOwner(), job.getLeaseUntil());
				job.requeue();
				jobs.saveAndFlush(job);
				leases.clear(job.getId());
				records.insertEvent(job.getId(), "status", Map.of("status", JobStatus.QUEUED, "reason", "lease expired"));
			}
		});
	}

	/**
	 * Renews the leases of the jobs running here (steps can take longer than a lease). A renewal that changes no row
	 * means the lease is gone (another instance took the job over after it expired): that execution stops at once.
	 */
	void heartbeat() {
		for (RunningJob job : List.copyOf(running.values())) {
			try {
				if (!leases.renew(job) && !job.lost()) {
					job.markLost();
					log.warn("Job {} (attempt {}) lost its lease; stopping its execution here without writing",
							job.jobId(), job.attempt());
				}
			}
			catch (RuntimeException ex) {
				// the database is unreachable: the lease may still be ours; the next beat tries again
				log.warn("Lease renewal failed; will retry: {}", ex.toString());
			}
		}
	}

	private void checkSkew() {
		try {
			databaseClock.checkSkew(properties.leaseDuration());
		}
		catch (RuntimeException ex) {
			log.debug("Could not compare clocks with the database: {}", ex.toString());
		}
	}

	/**
	 * Stops claiming, lets each running job finish its current step (it is then queued again and resumes from that
	 * step, here or on another instance), and waits for them up to the grace period.
	 */
	@Override
	public void stop() {
		stopping = true;
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
		while (!running.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (!running.isEmpty()) {
			log.warn("Stopped with jobs {} still in a step; their leases will expire and they will resume",
					running.keySet());
		}
	}

	/** Jobs running here now. */
	public Set<UUID> running() {
		return Set.copyOf(running.keySet());
	}

}
