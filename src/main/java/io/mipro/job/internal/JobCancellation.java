package io.mipro.job.internal;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.mipro.job.JobProblems;
import io.mipro.job.JobStatus;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Cancels a row of the runner's queue, of either kind: a queued one at once; a running one is asked to stop after its
 * current step. Refused with 409 when it already ended.
 */
@Component
public class JobCancellation {

	private final JobRepository jobs;

	private final JobRecords records;

	private final TransactionTemplate transactions;

	public JobCancellation(JobRepository jobs, JobRecords records, TransactionTemplate transactions) {
		this.jobs = jobs;
		this.records = records;
		this.transactions = transactions;
	}

	/**
	 * @param kind {@link JobEntity#OPTIMIZATION} or {@link JobEntity#EVALUATION}; a row of another kind is not found
	 * @param notFound the 404 problem for the id
	 * @param noun what the row is called in problems ("Job", "Evaluation")
	 */
	public JobEntity cancel(UUID id, String kind, Function<UUID, ErrorResponseException> notFound, String noun) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> {
					JobEntity job = jobs.findById(id)
						.filter(row -> kind.equals(row.getKind()))
						.orElseThrow(() -> notFound.apply(id));
					if (job.getStatus().isTerminal()) {
						throw JobProblems.conflict(noun + " " + id + " already ended (" + job.getStatus() + ").");
					}
					job.cancel();
					jobs.saveAndFlush(job);
					records.insertEvent(id, "status", job.getStatus() == JobStatus.CANCELLED
							? Map.of("status", JobStatus.CANCELLED) : Map.of("cancelRequested", true));
					return job;
				});
			}
			catch (ObjectOptimisticLockingFailureException raced) {
				// the runner saved a step in between; read the row again
				if (attempt >= 5) {
					throw JobProblems.conflict(noun + " " + id + " changed repeatedly while cancelling; try again.");
				}
			}
		}
	}

}
