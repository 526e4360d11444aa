package io.mipro.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against a schema from an OpenAPI document (the subset our API docs use: {@code $ref}, {@code type}
 * including 3.1 type lists, {@code properties}, {@code required}, {@code additionalProperties}, {@code enum},
 * {@code items}). A {@code null} member is accepted where the member is optional, since responses write absent values
 * as null. Returns every violation, each with its JSON path.
 */
public final class SchemaCheck {

	private final JsonNode components;

	public SchemaCheck(JsonNode openApi) {
		this.components = openApi.path("components").path("schemas");
	}

	public JsonNode schema(String ref) {
		String name = ref.substring(ref.lastIndexOf('/') + 1);
		JsonNode schema = components.get(name);
		if (schema == null) {
			throw new IllegalArgumentException("No schema " + ref + " in the API docs");
		}
		return schema;
	}

	public List<String> violations(String ref, JsonNode value) {
		List<String> found = new ArrayList<>();
		check(schema(ref), value, "$", found);
		return found;
	}

	private void check(JsonNode schema, JsonNode value, String path, List<String> found) {
		if (schema.has("$ref")) {
			check(schema(schema.get("$ref").asString()), value, path, found);
			return;
		}
		Set<String> types = new HashSet<>();
		JsonNode type = schema.get("type");
		if (type != null && type.isArray()) {
			type.forEach(t -> types.add(t.asString()));
		}
		else if (type != null) {
			types.add(type.asString());
		}
		if (!types.isEmpty() && !types.contains(typeOf(value))
				&& !(types.contains("number") && typeOf(value).equals("integer"))) {
			found.add(path + ": expected " + types + " but was " + typeOf(value) + " (" + value + ")");
			return;
		}
		if (schema.has("enum") && !value.isNull()) {
			boolean listed = false;
			for (JsonNode allowed : schema.get("enum")) {
				listed |= allowed.equals(value);
			}
			if (!listed) {
				found.add(path + ": " + value + " is not one of " + schema.get("enum"));
			}
		}
		if (value.isObject()) {
			JsonNode properties = schema.path("properties");
			for (JsonNode required : schema.path("required")) {
				JsonNode member = value.get(required.asString());
				if (member == null || member.isNull()) {
					found.add(path + "." + required.asString() + ": required but missing");
				}
			}
			for (String name : value.propertyNames()) {
				JsonNode member = value.get(name);
				JsonNode memberSchema = properties.get(name);
				if (memberSchema == null) {
					JsonNode additional = schema.get("additionalProperties");
					if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
						found.add(path + "." + name + ": not documented (additionalProperties is false)");
					}
					else if (additional != null && additional.isObject()) {
						check(additional, member, path + "." + name, found);
					}
					else if (additional == null && properties.size() > 0) {
						found.add(path + "." + name + ": not documented");
					}
					continue;
				}
				if (!member.isNull()) {
					check(memberSchema, member, path + "." + name, found);
				}
			}
		}
		if (value.isArray() && schema.has("items")) {
			for (int i = 0; i < value.size(); i++) {
				check(schema.get("items"), value.get(i), path + "[" + i + "]", found);
			}
		}
	}

	private static String typeOf(JsonNode value) {
		if (value.isNull()) {
			return "null";
		}
		if (value.isObject()) {
			return "object";
		}
		if (value.isArray()) {
			return "array";
		}
		if (value.isBoolean()) {
			return "boolean";
		}
		if (value.isIntegralNumber()) {
			return "integer";
		}
		if (value.isNumber()) {
			return "number";
		}
		return "string";
	}

}
