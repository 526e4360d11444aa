package io.mipro.job.internal;

import java.util.Optional;
import java.util.UUID;

import io.mipro.dataset.DatasetUsage;

import org.springframework.stereotype.Component;

/** Tells the dataset module which datasets a queued or running job still needs. */
@Component
class JobDatasetUsage implements DatasetUsage {

	private final JobRepository jobs;

	JobDatasetUsage(JobRepository jobs) {
		this.jobs = jobs;
	}

	@Override
	public Optional<String> activeUseOf(UUID datasetId) {
		long count = jobs.countActiveUsing(datasetId);
		return count == 0 ? Optional.empty() : Optional.of(count + " queued or running job(s)");
	}

}
