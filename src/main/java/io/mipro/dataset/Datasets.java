package io.mipro.dataset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.mipro.dataset.internal.DatasetEntity;
import io.mipro.dataset.internal.DatasetParser;
import io.mipro.dataset.internal.DatasetRepository;
import io.mipro.dataset.internal.ExampleStore;
import io.mipro.dataset.internal.ParsedDataset;
import io.mipro.dataset.internal.UploadFormat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dataset module's API: import (parse, validate, store in one transaction), read and delete datasets.
 */
@Service
public class Datasets {

	private static final int MAX_NAME_LENGTH = 200;

	private final DatasetRepository datasets;

	private final ExampleStore examples;

	private final DatasetParser parser;

	private final ObjectProvider<DatasetUsage> usages;

	public Datasets(DatasetRepository datasets, ExampleStore examples, DatasetLimits limits,
			ObjectProvider<DatasetUsage> usages) {
		this.datasets = datasets;
		this.examples = examples;
		this.parser = new DatasetParser(limits);
		this.usages = usages;
	}

	/**
	 * Imports an uploaded file. The format comes from {@code format} if given, else from the file name's extension,
	 * else from the part's content type.
	 */
	@Transactional
	public DatasetView importFile(String name, String filename, String contentType, String format, byte[] content) {
		UploadFormat uploadFormat = UploadFormat.resolve(format, filename, contentType);
		String datasetName = (name == null || name.isBlank()) ? UploadFormat.baseName(filename) : name;
		ParsedDataset parsed = parser.parseFile(content, uploadFormat);
		return store(datasetName, parsed);
	}

	/** Imports a JSON body of the form {@code {"name": ..., "examples": [{...}, ...]}}. */
	@Transactional
	public DatasetView importJson(byte[] body) {
		DatasetParser.NamedDataset named = parser.parseJsonBody(body);
		return store(named.name() == null || named.name().isBlank() ? "dataset" : named.name(), named.dataset());
	}

	private DatasetView store(String name, ParsedDataset parsed) {
		String trimmed = name.strip();
		if (trimmed.length() > MAX_NAME_LENGTH) {
			throw new InvalidDatasetException("The name has " + trimmed.length() + " characters; at most "
					+ MAX_NAME_LENGTH + " are allowed.");
		}
		DatasetParser.checkText(trimmed, UploadPosition.NONE.withField("name"));
		DatasetEntity entity = datasets.saveAndFlush(DatasetEntity.create(trimmed, parsed.fields(), parsed.size(),
				parsed.contentHash()));
		examples.insertAll(entity.getId(), parsed);
		return entity.toView();
	}

	@Transactional(readOnly = true)
	public Optional<DatasetView> find(UUID id) {
		return datasets.findById(id).map(DatasetEntity::toView);
	}

	@Transactional(readOnly = true)
	public DatasetView get(UUID id) {
		return find(id).orElseThrow(() -> new DatasetNotFoundException(id));
	}

	/** Datasets, newest first. */
	@Transactional(readOnly = true)
	public Page<DatasetView> list(int page, int size) {
		return datasets
			.findAll(PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))))
			.map(DatasetEntity::toView);
	}

	/** One page of examples in upload order; each example maps field names to values in field order. */
	@Transactional(readOnly = true)
	public Page<Map<String, String>> examples(UUID id, int page, int size) {
		DatasetView view = get(id);
		return new PageImpl<>(examples.page(id, view.fields(), (long) page * size, size), PageRequest.of(page, size),
				view.size());
	}

	/** Every example of the dataset, in upload order. */
	@Transactional(readOnly = true)
	public List<Map<String, String>> allExamples(UUID id) {
		DatasetView view = get(id);
		return examples.page(id, view.fields(), 0, view.size());
	}

	@Transactional
	public void delete(UUID id) {
		DatasetEntity entity = datasets.findById(id).orElseThrow(() -> new DatasetNotFoundException(id));
		for (DatasetUsage usage : usages) {
			Optional<String> user = usage.activeUseOf(id);
			if (user.isPresent()) {
				throw new DatasetInUseException(id, user.get());
			}
		}
		examples.deleteAll(id);
		datasets.delete(entity);
	}

}
