package io.mipro.job.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a job on this instance: the job, the owner and attempt it was claimed under (a later claim of
 * the same job, even by this instance, is another execution), and whether its lease was lost. A lost execution stops
 * at once: it starts no model call and writes nothing more; calls already in flight finish, and their answers are
 * discarded with the step.
 */
record RunningJob(UUID jobId, String owner, int attempt, AtomicBoolean lostFlag) {

	RunningJob(UUID jobId, String owner, int attempt) {
		this(jobId, owner, attempt, new AtomicBoolean());
	}

	boolean lost() {
		return lostFlag.get();
	}

	void markLost() {
		lostFlag.set(true);
	}

	/** Whether a job row is still this execution's. */
	boolean owns(JobEntity job) {
		return job != null && job.getStatus() == io.mipro.job.JobStatus.RUNNING && owner.equals(job.getOwner())
				&& job.getAttempt() == attempt;
	}

	/** Throws when the lease is lost, so the step ends without its results. */
	void checkLease() {
		if (lost()) {
			throw new LeaseLostException(jobId);
		}
	}

}
