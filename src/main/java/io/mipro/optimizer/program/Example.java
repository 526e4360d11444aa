package io.mipro.optimizer.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One data point: field names to text values, in field order. Equality is by content, as in DSPy. */
public record Example(Map<String, String> values) {

	public Example {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public static Example of(String... keysAndValues) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
			values.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return new Example(values);
	}

	public String get(String field) {
		return values.get(field);
	}

	public boolean has(String field) {
		return values.containsKey(field);
	}

}
