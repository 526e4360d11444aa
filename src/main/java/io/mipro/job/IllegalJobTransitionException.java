package io.mipro.job;

/** A status change the transition table forbids; callers that expect a known race can catch it. */
public class IllegalJobTransitionException extends IllegalStateException {

	private final JobStatus from;

	private final JobStatus to;

	public IllegalJobTransitionException(JobStatus from, JobStatus to) {
		super("A job cannot go from " + from + " to " + to);
		this.from = from;
		this.to = to;
	}

	public JobStatus from() {
		return from;
	}

	public JobStatus to() {
		return to;
	}

}
