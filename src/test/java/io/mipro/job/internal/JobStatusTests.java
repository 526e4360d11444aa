package io.mipro.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import io.mipro.job.IllegalJobTransitionException;
import io.mipro.job.JobStatus;
import org.junit.jupiter.api.Test;

class JobStatusTests {

	@Test
	void theTransitionTable() {
		assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus.QUEUED::canMoveTo))
			.containsExactlyInAnyOrder(JobStatus.RUNNING, JobStatus.CANCELLED);
		assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus.RUNNING::canMoveTo))
			.containsExactlyInAnyOrder(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.QUEUED);
		for (JobStatus terminal : new JobStatus[] { JobStatus.SUCCEEDED, JobStatus.CANCELLED }) {
			assertThat(terminal.isTerminal()).isTrue();
			assertThat(EnumSet.allOf(JobStatus.class).stream().filter(terminal::canMoveTo)).isEmpty();
		}
		assertThat(JobStatus.FAILED.isTerminal()).isTrue();
		assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus.FAILED::canMoveTo))
			.as("only an explicit resume").containsExactly(JobStatus.QUEUED);
	}

	@Test
	void entityMethodsGoThroughTheTable() {
		JobEntity job = JobEntity.queued("j", UUID.randomUUID(), UUID.randomUUID(), null, "{}", "simulated", 11);
		assertThatThrownBy(job::succeed).isInstanceOf(IllegalJobTransitionException.class)
			.hasMessage("A job cannot go from QUEUED to SUCCEEDED");

		job.start("me", Instant.now());
		assertThat(job.getAttempt()).isEqualTo(1);
		job.cancel();
		assertThat(job.getStatus()).as("a running job is asked, not forced").isEqualTo(JobStatus.RUNNING);
		assertThat(job.isCancelRequested()).isTrue();
		job.requeue();
		job.start("other", Instant.now());
		assertThat(job.getAttempt()).isEqualTo(2);
		job.fail("boom");
		assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
		assertThat(job.getError()).isEqualTo("boom");
		assertThatThrownBy(job::cancelled).isInstanceOf(IllegalJobTransitionException.class);
		job.resume();
		assertThat(job.getStatus()).isEqualTo(JobStatus.QUEUED);
		assertThat(job.getError()).isNull();
	}

}
