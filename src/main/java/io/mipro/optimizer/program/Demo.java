package io.mipro.optimizer.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A few-shot example shown to the model. A bootstrapped ({@code augmented}) demo holds the inputs the predictor
 * received and every output it produced (with {@code reasoning} for chain of thought) on a run the metric accepted;
 * a labeled demo is a raw training example.
 */
public record Demo(Map<String, String> values, boolean augmented) {

	public Demo {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public static Demo labeled(Example example) {
		return new Demo(example.values(), false);
	}

	public String get(String field) {
		return values.get(field);
	}

	public boolean has(String field) {
		return values.get(field) != null;
	}

}
