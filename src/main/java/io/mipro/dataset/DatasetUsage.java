package io.mipro.dataset;

import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by modules that reference datasets (jobs), so that the dataset module can refuse to delete data still
 * in use without depending on those modules.
 */
public interface DatasetUsage {

	/** A short description of something non-terminal that uses the dataset (e.g. "job 1234 (RUNNING)"), if any. */
	Optional<String> activeUseOf(UUID datasetId);

}
