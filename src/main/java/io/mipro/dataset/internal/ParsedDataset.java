package io.mipro.dataset.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated upload: field names in upload order and one row of values per example, aligned with the fields.
 * Values are text: JSON numbers and booleans keep their literal spelling, so the same data uploaded as JSON, JSON
 * Lines or CSV is the same dataset.
 */
public record ParsedDataset(List<String> fields, List<List<String>> rows) {

	public ParsedDataset {
		fields = List.copyOf(fields);
		rows = List.copyOf(rows);
	}

	public int size() {
		return rows.size();
	}

	public Map<String, String> example(int index) {
		Map<String, String> example = new LinkedHashMap<>();
		List<String> row = rows.get(index);
		for (int i = 0; i < fields.size(); i++) {
			example.put(fields.get(i), row.get(i));
		}
		return example;
	}

	/**
	 * SHA-256 over the canonical JSON Lines form (one compact object per example, keys in field order), so equal
	 * data has an equal hash whatever format it arrived in.
	 */
	public String contentHash() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (int i = 0; i < rows.size(); i++) {
				digest.update(CanonicalJson.object(example(i)).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) '\n');
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every JVM", ex);
		}
	}

}
