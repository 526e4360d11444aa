package io.mipro.job.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.job.JobStatus;
import io.mipro.job.Jobs;
import io.mipro.job.internal.JobEventsAppended;
import io.mipro.job.internal.JobRecords;
import io.mipro.job.internal.JobsProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The job event streams (SSE) open on this instance, pushed to when a job's events are stored: after the storing
 * transaction commits here, or when PostgreSQL {@code NOTIFY} says another instance stored some. No thread waits per
 * client: two pusher threads read the new rows of a signalled stream and send them, and one scheduler sends the
 * keep-alive comments. A stream replays what it missed first (after {@code Last-Event-ID}), ends once its job has
 * ended, and is forgotten when it completes, times out or fails (a client that went away).
 */
@Component
class JobEventStreams {

	private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

	private static final int PAGE = 500;

	private final JobRecords records;

	private final Jobs jobs;

	private final JobsProperties properties;

	private final Map<UUID, Set<Stream>> byJob = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private final ThreadPoolExecutor pushers = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), daemon("job-events-push"));

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("job-events-heartbeat"));

	JobEventStreams(JobRecords records, Jobs jobs, JobsProperties properties) {
		this.records = records;
		this.jobs = jobs;
		this.properties = properties;
		long beat = properties.eventStreamHeartbeat().toMillis();
		heartbeat.scheduleWithFixedDelay(this::keepAlive, beat, beat, TimeUnit.MILLISECONDS);
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	@PreDestroy
	void close() {
		heartbeat.shutdownNow();
		pushers.shutdownNow();
		byJob.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
	}

	/** Opens a stream of the job's events after {@code lastEventId}; 503 when too many are open. */
	SseEmitter open(UUID job, long lastEventId) {
		if (open.incrementAndGet() > properties.maxEventStreams()) {
			open.decrementAndGet();
			throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
					ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
							properties.maxEventStreams() + " event streams are open; poll the job instead."),
					null);
		}
		SseEmitter emitter = new SseEmitter(properties.eventStreamTimeout().toMillis());
		Stream stream = new Stream(job, emitter, lastEventId);
		byJob.computeIfAbsent(job, id -> ConcurrentHashMap.newKeySet()).add(stream);
		emitter.onCompletion(stream::forget);
		emitter.onTimeout(() -> {
			stream.forget();
			emitter.complete();
		});
		emitter.onError(error -> stream.forget());
		stream.signal();
		return emitter;
	}

	/** Streams open now on this instance. */
	int openStreams() {
		return open.get();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(JobEventsAppended appended) {
		if (appended.jobId() == null) {
			byJob.values().forEach(streams -> streams.forEach(Stream::signal));
			return;
		}
		Set<Stream> streams = byJob.get(appended.jobId());
		if (streams != null) {
			streams.forEach(Stream::signal);
		}
	}

	private void keepAlive() {
		byJob.values().forEach(streams -> streams.forEach(Stream::keepAlive));
	}

	/** One client's stream: its position, and at most one push in progress. */
	private final class Stream {

		final UUID job;

		final SseEmitter emitter;

		volatile long last;

		final AtomicBoolean dirty = new AtomicBoolean();

		final AtomicBoolean heartbeatDue = new AtomicBoolean();

		final AtomicBoolean scheduled = new AtomicBoolean();

		final AtomicBoolean forgotten = new AtomicBoolean();

		Stream(UUID job, SseEmitter emitter, long last) {
			this.job = job;
			this.emitter = emitter;
			this.last = last;
		}

		void signal() {
			dirty.set(true);
			schedule();
		}

		void keepAlive() {
			heartbeatDue.set(true);
			schedule();
		}

		private void schedule() {
			if (!forgotten.get() && scheduled.compareAndSet(false, true)) {
				try {
					pushers.execute(this::push);
				}
				catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
					scheduled.set(false);
				}
			}
		}

		/** Sends what is new (and a keep-alive if due); runs on a pusher thread, one at a time per stream. */
		private void push() {
			try {
				boolean ended = false;
				while (!forgotten.get() && dirty.getAndSet(false)) {
					List<JobRecords.EventRow> rows = records.events(job, last, PAGE);
					for (JobRecords.EventRow row : rows) {
						emitter.send(SseEmitter.event().id(Long.toString(row.id())).name(row.type()).data(row.data(),
								MediaType.APPLICATION_JSON));
						last = row.id();
						ended |= "status".equals(row.type()) && isFinal(row.data());
					}
					if (rows.size() == PAGE) {
						dirty.set(true);
					}
				}
				if (heartbeatDue.getAndSet(false) && !forgotten.get()) {
					emitter.send(SseEmitter.event().comment("keepalive"));
				}
				if (ended && jobs.get(job).status().isTerminal()) {
					forget();
					emitter.complete();
				}
			}
			catch (IOException | IllegalStateException clientGone) {
				forget();
				emitter.completeWithError(clientGone);
			}
			catch (RuntimeException ex) {
				log.warn("Event stream of job {} failed: {}", job, ex.toString());
				forget();
				emitter.completeWithError(ex);
			}
			finally {
				scheduled.set(false);
				if (!forgotten.get() && (dirty.get() || heartbeatDue.get())) {
					schedule();
				}
			}
		}

		void forget() {
			if (forgotten.compareAndSet(false, true)) {
				open.decrementAndGet();
				Set<Stream> streams = byJob.get(job);
				if (streams != null) {
					streams.remove(this);
					if (streams.isEmpty()) {
						byJob.remove(job, streams);
					}
				}
			}
		}

	}

	private static boolean isFinal(String data) {
		for (JobStatus status : JobStatus.values()) {
			if (status.isTerminal() && data.contains("\"status\":\"" + status.name() + "\"")) {
				return true;
			}
		}
		return false;
	}

}
