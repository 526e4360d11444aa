package io.mipro.dataset.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Examples in bulk through JDBC batches (JPA would create an entity per row for no benefit). Runs inside the caller's
 * transaction, so an upload's dataset row and its examples commit together or not at all.
 */
@Component
public class ExampleStore {

	private static final int BATCH = 1000;

	private static final TypeReference<LinkedHashMap<String, String>> EXAMPLE = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	public ExampleStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insertAll(UUID datasetId, ParsedDataset dataset) {
		List<Object[]> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < dataset.size(); i++) {
			batch.add(new Object[] { datasetId, i, CanonicalJson.object(dataset.example(i)) });
			if (batch.size() == BATCH) {
				flush(batch);
			}
		}
		flush(batch);
	}

	private void flush(List<Object[]> batch) {
		if (!batch.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO dataset_example (dataset_id, ordinal, data) VALUES (?, ?, ?)", batch);
			batch.clear();
		}
	}

	/** Examples {@code offset .. offset+limit-1} in upload order, values in field order. */
	public List<Map<String, String>> page(UUID datasetId, List<String> fields, long offset, int limit) {
		return jdbc.query(
				"SELECT data FROM dataset_example WHERE dataset_id = ? AND ordinal >= ? AND ordinal < ? ORDER BY ordinal",
				(rs, row) -> ordered(json.readValue(rs.getString(1), EXAMPLE), fields), datasetId, offset,
				offset + limit);
	}

	public void deleteAll(UUID datasetId) {
		jdbc.update("DELETE FROM dataset_example WHERE dataset_id = ?", datasetId);
	}

	private static Map<String, String> ordered(Map<String, String> values, List<String> fields) {
		Map<String, String> ordered = new LinkedHashMap<>();
		fields.forEach(field -> ordered.put(field, values.get(field)));
		return ordered;
	}

}
