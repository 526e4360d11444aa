package io.mipro.job.internal;

import java.util.Optional;
import java.util.UUID;

import io.mipro.dataset.DatasetUsage;

import org.springframework.stereotype.Component;

/** Tells the dataset module which datasets a queued or running job still needs. */
@Component
class JobDatasetUsage implements DatasetUsage {

	private final JobRepository jobs;

	private final JobRecords records;

	JobDatasetUsage(JobRepository jobs, JobRecords records) {
		this.jobs = jobs;
		this.records = records;
	}

	@Override
	public Optional<String> activeUseOf(UUID datasetId) {
		long count = jobs.countActiveUsing(datasetId);
		long searching = records.countActiveSearching(datasetId);
		if (count == 0 && searching == 0) {
			return Optional.empty();
		}
		return Optional.of(count + searching + " queued or running job(s)" + (searching > 0 ? " (as a corpus)" : ""));
	}

}
