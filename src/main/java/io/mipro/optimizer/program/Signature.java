package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named inputs to named outputs, plus the instructions the optimizer rewrites. Accepts DSPy's string form, with
 * optional types: {@code context, question -> answer}, {@code text -> label: Literal['a', 'b']},
 * {@code question -> answer: int}.
 */
public record Signature(List<Field> inputs, List<Field> outputs, String instructions) {

	public Signature {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		if (inputs.isEmpty() || outputs.isEmpty()) {
			throw new IllegalArgumentException("a signature needs at least one input and one output field");
		}
		Set<String> names = new HashSet<>();
		List<Field> all = new ArrayList<>(inputs);
		all.addAll(outputs);
		for (Field field : all) {
			if (!names.add(field.name())) {
				throw new IllegalArgumentException("field `" + field.name() + "` appears twice in the signature");
			}
		}
		if (instructions == null || instructions.isBlank()) {
			instructions = defaultInstructions(inputs, outputs);
		}
	}

	/** Parses the string form; instructions default to DSPy's "Given the fields ..., produce the fields ...". */
	public static Signature parse(String text) {
		return parse(text, null);
	}

	public static Signature parse(String text, String instructions) {
		if (text == null) {
			throw new IllegalArgumentException("the signature is missing");
		}
		int arrow = text.indexOf("->");
		if (arrow < 0 || text.indexOf("->", arrow + 2) >= 0) {
			throw new IllegalArgumentException(
					"a signature has the form `input1, input2 -> output` with exactly one `->`; got `" + text + "`");
		}
		return new Signature(parseFields(text.substring(0, arrow)), parseFields(text.substring(arrow + 2)),
				instructions);
	}

	private static List<Field> parseFields(String part) {
		List<Field> fields = new ArrayList<>();
		for (String item : splitTopLevel(part)) {
			String spec = item.strip();
			if (spec.isEmpty()) {
				throw new IllegalArgumentException("empty field name in `" + part.strip() + "`");
			}
			int colon = spec.indexOf(':');
			String name = (colon < 0 ? spec : spec.substring(0, colon)).strip();
			FieldType type = colon < 0 ? FieldType.STR : parseType(spec.substring(colon + 1).strip());
			fields.add(Field.of(name, type));
		}
		return fields;
	}

	/** Splits on commas outside brackets and quotes, so {@code Literal['a, b', 'c']} stays whole. */
	private static List<String> splitTopLevel(String text) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		char quote = 0;
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				parts.add(text.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(text.substring(start));
		return parts;
	}

	static FieldType parseType(String type) {
		switch (type) {
			case "str":
				return FieldType.STR;
			case "int":
				return FieldType.INT;
			case "float":
				return FieldType.FLOAT;
			case "bool":
				return FieldType.BOOL;
			default:
				break;
		}
		if (type.startsWith("Literal[") && type.endsWith("]")) {
			List<String> values = new ArrayList<>();
			for (String value : splitTopLevel(type.substring(8, type.length() - 1))) {
				String v = value.strip();
				if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
					values.add(v.substring(1, v.length() - 1));
				}
				else if (!v.isEmpty()) {
					values.add(v);
				}
			}
			if (values.isEmpty()) {
				throw new IllegalArgumentException("`" + type + "` lists no values");
			}
			return FieldType.literal(values);
		}
		throw new IllegalArgumentException(
				"unknown field type `" + type + "`; use str, int, float, bool or Literal['a', 'b', ...]");
	}

	static String defaultInstructions(List<Field> inputs, List<Field> outputs) {
		return "Given the fields " + names(inputs) + ", produce the fields " + names(outputs) + ".";
	}

	private static String names(List<Field> fields) {
		return fields.stream().map(f -> "`" + f.name() + "`").collect(Collectors.joining(", "));
	}

	/** Inputs then outputs. */
	public List<Field> fields() {
		List<Field> all = new ArrayList<>(inputs);
		all.addAll(outputs);
		return all;
	}

	public Signature withInstructions(String text) {
		return new Signature(inputs, outputs, text);
	}

	/** Sets descriptions by field name (unknown names are refused). */
	public Signature withDescriptions(Map<String, String> descriptions) {
		Set<String> unknown = new HashSet<>(descriptions.keySet());
		fields().forEach(field -> unknown.remove(field.name()));
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("descriptions name fields the signature lacks: " + unknown);
		}
		return new Signature(describe(inputs, descriptions), describe(outputs, descriptions), instructions);
	}

	private static List<Field> describe(List<Field> fields, Map<String, String> descriptions) {
		return fields.stream()
			.map(f -> descriptions.containsKey(f.name()) ? f.withDescription(descriptions.get(f.name())) : f)
			.toList();
	}

	/** A copy with {@code field} as the first output (how chain of thought adds {@code reasoning}). */
	public Signature prependOutput(Field field) {
		List<Field> extended = new ArrayList<>();
		extended.add(field);
		extended.addAll(outputs);
		return new Signature(inputs, extended, instructions);
	}

	/** The DSPy string form without types, e.g. {@code context, question -> answer}. */
	public String shortForm() {
		return inputs.stream().map(Field::name).collect(Collectors.joining(", ")) + " -> "
				+ outputs.stream().map(Field::name).collect(Collectors.joining(", "));
	}

}
