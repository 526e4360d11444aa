package io.mipro.dataset.internal;

import java.util.Map;

import io.mipro.optimizer.util.Json;

/**
 * Writes a flat string map as compact JSON with keys in map order, escaping strings with the core's fixed rules
 * rather than a JSON library's: the hash of a dataset must not change when a library changes its defaults.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	public static String object(Map<String, String> values) {
		StringBuilder json = new StringBuilder(64);
		json.append('{');
		boolean first = true;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			Json.quote(json, entry.getKey());
			json.append(':');
			Json.quote(json, entry.getValue());
		}
		return json.append('}').toString();
	}

}
