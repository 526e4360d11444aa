package io.mipro.dataset.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.mipro.dataset.DatasetLimits;
import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;

import org.springframework.http.HttpStatus;

/**
 * Accumulates examples as a reader finds them and enforces the rules every format shares: field names that a
 * signature can reference, the same fields in every example, storable text, and the configured limits. The first
 * example fixes the field list and its order.
 */
final class ExampleCollector {

	/** Field names must be identifiers, because signatures such as {@code context, question -> answer} name them. */
	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	private final DatasetLimits limits;

	private List<String> fields;

	private final List<List<String>> rows = new ArrayList<>();

	ExampleCollector(DatasetLimits limits) {
		this.limits = limits;
	}

	/** Adds one example given as field/value pairs in source order (duplicates already refused by the reader). */
	void add(Map<String, String> example, UploadPosition position) {
		if (rows.size() >= limits.maxExamples()) {
			throw new InvalidDatasetException(HttpStatus.CONTENT_TOO_LARGE,
					"The upload has more than " + limits.maxExamples() + " examples (mipro.datasets.max-examples).",
					position, null);
		}
		if (fields == null) {
			fields = firstFields(example, position);
		}
		else {
			checkSameFields(example, position);
		}
		List<String> row = new ArrayList<>(fields.size());
		for (String field : fields) {
			String value = example.get(field);
			UploadPosition at = position.withField(field);
			if (value.length() > limits.maxValueLength()) {
				throw new InvalidDatasetException("The value has " + value.length() + " characters; at most "
						+ limits.maxValueLength() + " are allowed (mipro.datasets.max-value-length).", at);
			}
			DatasetParser.checkText(value, at);
			row.add(value);
		}
		rows.add(row);
	}

	ParsedDataset finish() {
		if (rows.isEmpty()) {
			throw new InvalidDatasetException("The upload contains no examples.");
		}
		return new ParsedDataset(fields, rows);
	}

	private List<String> firstFields(Map<String, String> example, UploadPosition position) {
		if (example.isEmpty()) {
			throw new InvalidDatasetException("The example has no fields.", position);
		}
		if (example.size() > limits.maxFields()) {
			throw new InvalidDatasetException("The example has " + example.size() + " fields; at most "
					+ limits.maxFields() + " are allowed (mipro.datasets.max-fields).", position);
		}
		for (String name : example.keySet()) {
			checkFieldName(name, position.withField(name));
		}
		return List.copyOf(example.keySet());
	}

	static void checkFieldName(String name, UploadPosition at) {
		if (!FIELD_NAME.matcher(name).matches()) {
			throw new InvalidDatasetException("Field names must be identifiers of at most 64 characters "
					+ "(a letter or underscore, then letters, digits or underscores).", at);
		}
		if (name.equals("augmented") || name.startsWith("dspy_")) {
			throw new InvalidDatasetException(
					"The field name is reserved by the DSPy program format; rename the field.", at);
		}
	}

	private void checkSameFields(Map<String, String> example, UploadPosition position) {
		for (String field : fields) {
			if (!example.containsKey(field)) {
				throw new InvalidDatasetException("The example lacks field `" + field
						+ "`, which the first example has; every example must have the same fields " + fields + ".",
						position.withField(field));
			}
		}
		if (example.size() != fields.size()) {
			Set<String> extra = new HashSet<>(example.keySet());
			fields.forEach(extra::remove);
			String name = extra.iterator().next();
			throw new InvalidDatasetException("The example has field `" + name
					+ "`, which the first example lacks; every example must have the same fields " + fields + ".",
					position.withField(name));
		}
	}

}
