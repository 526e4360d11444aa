package io.mipro.optimizer.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a program produced for one example: its output values, one trace entry per predictor call (what
 * bootstrapping turns into demos), and whether the model's answer could not be parsed even after the JSON retry
 * (then the example counts as answered wrongly).
 */
public record Prediction(Map<String, String> values, List<TraceEntry> trace, boolean parseFailed, String failure) {

	public Prediction {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		trace = List.copyOf(trace);
	}

	/** One predictor call: its inputs and outputs. */
	public record TraceEntry(int predictorIndex, Map<String, String> inputs, Map<String, String> outputs) {

		public TraceEntry {
			inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
			outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
		}

	}

	public static Prediction failed(List<TraceEntry> trace, String failure) {
		return new Prediction(Map.of(), trace, true, failure);
	}

	public String get(String field) {
		return values.get(field);
	}

}
