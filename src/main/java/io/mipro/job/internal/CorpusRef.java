package io.mipro.job.internal;

import java.util.UUID;

import io.mipro.job.JobRequest;

/**
 * Which corpus a retrieve step searches: a dataset and the field holding its passages. The core knows it only as an
 * opaque key ({@code <datasetId>/<textField>}), made and read here.
 */
public record CorpusRef(UUID datasetId, String textField) {

	public static CorpusRef of(JobRequest.RetrieveSpec spec) {
		return new CorpusRef(spec.corpusDatasetId(), spec.textField());
	}

	public static CorpusRef parse(String key) {
		int slash = key.indexOf('/');
		return new CorpusRef(UUID.fromString(key.substring(0, slash)), key.substring(slash + 1));
	}

	public String key() {
		return datasetId + "/" + textField;
	}

}
