package io.mipro.optimizer.search;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A completed trial as the sampler sees it: its number, its parameter indices and its score (maximized). */
public record Observation(int number, Map<String, Integer> params, double value) {

	public Observation {
		params = Collections.unmodifiableMap(new TreeMap<>(params));
	}

}
