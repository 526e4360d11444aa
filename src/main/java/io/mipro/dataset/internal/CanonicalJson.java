package io.mipro.dataset.internal;

import java.util.Map;

/**
 * Writes a flat string map as compact JSON with keys in map order. Hand-written on purpose: the hash of a dataset
 * must not change when a JSON library changes its escaping defaults.
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
			string(json, entry.getKey());
			json.append(':');
			string(json, entry.getValue());
		}
		return json.append('}').toString();
	}

	static void string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
