package io.mipro.job;

/**
 * A job's lifecycle. Every change goes through {@link #canMoveTo}; an illegal one is an error, never a silent
 * overwrite. SUCCEEDED, FAILED and CANCELLED are terminal: nothing runs; only an explicit resume takes a FAILED job
 * back to the queue.
 */
public enum JobStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public boolean isTerminal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

	/**
	 * The transition table. RUNNING may go back to QUEUED (a lease that expired, or an instance shutting down), and
	 * a FAILED job may be resumed (QUEUED again, from its last checkpoint) once its cause is fixed.
	 */
	public boolean canMoveTo(JobStatus to) {
		return switch (this) {
			case QUEUED -> to == RUNNING || to == CANCELLED;
			case RUNNING -> to == SUCCEEDED || to == FAILED || to == CANCELLED || to == QUEUED;
			case FAILED -> to == QUEUED;
			case SUCCEEDED, CANCELLED -> false;
		};
	}

}
