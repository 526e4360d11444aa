package io.mipro.job.internal;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mipro.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims queued jobs for this instance and hands them to the bounded job executor. Claims hold a lease that a
 * heartbeat renews while the job runs; a job whose lease ran out (its instance died) goes back to the queue, where
 * any instance resumes it from its last checkpoint. Several instances can share one PostgreSQL: claims lock rows with
 * {@code SKIP LOCKED}, so no job runs twice at the same time.
 */
@Component
public class JobRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobRepository jobs;

	private final JobRecords records;

	private final JobExecution execution;

	private final JobsProperties properties;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final String instance;

	private final Set<UUID> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "job-runner");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean stopping;

	private volatile boolean started;

	public JobRunner(JobRepository jobs, JobRecords records, JobExecution execution, JobsProperties properties,
			TransactionTemplate transactions, JdbcTemplate jdbc) {
		this.jobs = jobs;
		this.records = records;
		this.execution = execution;
		this.properties = properties;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.instance = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "localhost";
		}
	}

	/**
	 * Starts polling once the context is refreshed, before command-line runners (the demo waits for a job) and before
	 * the web server takes requests.
	 */
	@Override
	public void start() {
		started = true;
		if (!properties.runnerEnabled()) {
			log.info("Job runner disabled (mipro.jobs.runner-enabled=false): jobs are accepted but not run here");
			return;
		}
		long poll = properties.pollInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::pollSafely, 0, poll, TimeUnit.MILLISECONDS);
		long beat = Math.max(100, properties.leaseDuration().toMillis() / 3);
		scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
		log.info("Job runner {} started: {} concurrent jobs, lease {}", instance, properties.maxConcurrent(),
				properties.leaseDuration());
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
		if (!stopping && properties.runnerEnabled()) {
			scheduler.execute(this::pollSafely);
		}
	}

	public boolean isStopping() {
		return stopping;
	}

	public String instance() {
		return instance;
	}

	void done(UUID jobId) {
		running.remove(jobId);
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
		List<UUID> claimed = transactions.execute(status -> {
			List<UUID> ids = new ArrayList<>();
			for (JobEntity job : jobs.lockNext(JobStatus.QUEUED, PageRequest.of(0, free))) {
				job.start(instance, Instant.now().plus(properties.leaseDuration()));
				jobs.saveAndFlush(job);
				records.insertEvent(job.getId(), "status",
						Map.of("status", JobStatus.RUNNING, "instance", instance, "attempt", job.getAttempt()));
				ids.add(job.getId());
			}
			return ids;
		});
		for (UUID id : claimed) {
			running.add(id);
			log.info("Claimed job {}", id);
			execution.run(id, instance, this);
		}
	}

	private void requeueExpired() {
		transactions.executeWithoutResult(status -> {
			for (JobEntity job : jobs.lockExpired(Instant.now(), PageRequest.of(0, 10))) {
				log.warn("Job {} lost its runner {} (lease expired at {}); back to the queue to resume", job.getId(),
						job.getOwner(), job.getLeaseUntil());
				job.requeue();
				jobs.saveAndFlush(job);
				records.insertEvent(job.getId(), "status", Map.of("status", JobStatus.QUEUED, "reason", "lease expired"));
			}
		});
	}

	/**
	 * Renews the leases of the jobs running here (steps can take longer than a lease). Only jobs with a live thread
	 * are renewed: a job whose thread died keeps an expiring lease and is resumed.
	 */
	private void heartbeat() {
		List<UUID> ids = List.copyOf(running);
		if (ids.isEmpty()) {
			return;
		}
		try {
			Timestamp until = Timestamp.from(Instant.now().plus(properties.leaseDuration()));
			for (UUID id : ids) {
				jdbc.update("UPDATE job SET lease_until = ? WHERE id = ? AND owner = ? AND status = 'RUNNING'", until, id,
						instance);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Lease renewal failed; will retry: {}", ex.toString());
		}
	}

	/**
	 * Stops claiming, lets each running job finish its current step (it is then queued again and resumes from that
	 * step, here or on another instance), and waits for them up to the grace period.
	 */
	@Override
	public void stop() {
		stopping = true;
		scheduler.shutdownNow();
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
			log.warn("Stopped with jobs {} still in a step; their leases will expire and they will resume", running);
		}
	}

	/** Jobs running here now. */
	public Set<UUID> running() {
		return Set.copyOf(running);
	}

}
