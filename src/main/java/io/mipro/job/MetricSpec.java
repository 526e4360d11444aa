package io.mipro.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job's {@code metric}: a name ({@code "f1"}, or a custom metric's name), or an object whose {@code type} names
 * the metric and whose other fields configure it. A plain name is read and written as a JSON string, exactly as
 * before objects existed, so stored requests and clients that send names keep working.
 */
@Schema(description = "A metric name (exact_match, f1, contains, numeric, or a custom metric's name), or an object: "
		+ "{\"type\": \"exact_match\", \"field\": \"answer\", \"aliases\": \"|\"}, "
		+ "{\"type\": \"llm_judge\", \"rubric\": \"...\", \"scale\": 5, \"model\": {...}}, {\"type\": \"semantic_f1\"}, "
		+ "{\"type\": \"weighted\", \"parts\": [{\"metric\": ..., \"weight\": 0.7}, ...]}", example = "exact_match")
public record MetricSpec(String type, String field, String aliases, String rubric, Integer scale,
		JobRequest.ModelSpec model, List<Part> parts) {

	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	public MetricSpec {
		parts = parts == null ? null : List.copyOf(parts);
	}

	/** A metric given by its name alone. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static MetricSpec named(String name) {
		return new MetricSpec(name, null, null, null, null, null, null);
	}

	/** One metric of a {@code weighted} mix. */
	@Schema(description = "One metric of a weighted mix")
	public record Part(@Schema(description = "A metric name or object", implementation = Object.class) MetricSpec metric,
			@Schema(description = "Its weight (positive; weights need not add up to 1)", example = "0.7") Double weight) {
	}

	/** True when only the name is given (it is then written as a JSON string). */
	public boolean isNameOnly() {
		return field == null && aliases == null && rubric == null && scale == null && model == null && parts == null;
	}

	@JsonValue
	Object json() {
		if (isNameOnly()) {
			return type;
		}
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("type", type);
		put(object, "field", field);
		put(object, "aliases", aliases);
		put(object, "rubric", rubric);
		put(object, "scale", scale);
		put(object, "model", model);
		put(object, "parts", parts);
		return object;
	}

	private static void put(Map<String, Object> object, String key, Object value) {
		if (value != null) {
			object.put(key, value);
		}
	}

	@Override
	public String toString() {
		return isNameOnly() ? String.valueOf(type) : json().toString();
	}

}
