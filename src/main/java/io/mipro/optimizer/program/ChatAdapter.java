package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.util.Json;
import io.mipro.optimizer.util.Text;

/**
 * DSPy's ChatAdapter prompt format, reproduced so prompts (and so the optimized instructions) carry over to DSPy:
 * a system message describing the fields, their {@code [[ ## name ## ]]} structure and the objective; a user and an
 * assistant message per demo (incomplete demos first); and the final user message with an output reminder. Also
 * parses completions in that format, and formats and parses the JSON variant used for the one retry after a parse
 * failure.
 */
public final class ChatAdapter {

	static final String STRUCTURE_HEADER = "All interactions will be structured in the following way, with the "
			+ "appropriate values filled in.";

	static final String INCOMPLETE_DEMO_PREFIX = "This is an example of the task, though some input or output fields "
			+ "are not supplied.";

	static final String MISSING_IN_INCOMPLETE_DEMO = "Not supplied for this particular example. ";

	static final String COMPLETED = "[[ ## completed ## ]]";

	private static final Pattern FIELD_HEADER = Pattern.compile("\\[\\[ ## (\\w+) ## \\]\\]");

	private ChatAdapter() {
	}

	/** The messages for one call of a predictor with this (effective) signature, demos and inputs. */
	public static List<ChatMessage> format(Signature signature, List<Demo> demos, Map<String, String> inputs) {
		List<ChatMessage> messages = new ArrayList<>();
		messages.add(ChatMessage.system(systemMessage(signature)));
		messages.addAll(formatDemos(signature, demos, (outputs, missing) -> assistantMessage(signature, outputs, missing)));
		String content = userMessage(signature, inputs, "", outputRequirements(signature));
		if (!content.isEmpty()) {
			messages.add(ChatMessage.user(content));
		}
		return messages;
	}

	static String systemMessage(Signature signature) {
		return fieldDescription(signature) + "\n" + fieldStructure(signature) + "\n" + taskDescription(signature);
	}

	static String fieldDescription(Signature signature) {
		return "Your input fields are:\n" + describeFields(signature.inputs()) + "\nYour output fields are:\n"
				+ describeFields(signature.outputs());
	}

	private static String describeFields(List<Field> fields) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			Field field = fields.get(i);
			if (i > 0) {
				text.append('\n');
			}
			text.append(i + 1)
				.append(". `")
				.append(field.name())
				.append("` (")
				.append(field.type().annotationName())
				.append("): ")
				.append(field.shownDescription());
		}
		return text.toString().strip();
	}

	static String fieldStructure(Signature signature) {
		List<String> parts = new ArrayList<>();
		parts.add(STRUCTURE_HEADER);
		parts.add(placeholders(signature.inputs(), false));
		parts.add(placeholders(signature.outputs(), true));
		parts.add(COMPLETED + "\n");
		return String.join("\n\n", parts).strip();
	}

	private static String placeholders(List<Field> fields, boolean outputs) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Field field : fields) {
			values.put(field.name(), placeholder(field, outputs));
		}
		return sections(values);
	}

	/** {@code {name}}, with the type hint an output of a non-text type gets. */
	private static String placeholder(Field field, boolean output) {
		String hint = output ? field.type().outputHint() : "";
		return "{" + field.name() + "}" + (hint.isEmpty() ? "" : " ".repeat(8) + "# note: the value you produce " + hint);
	}

	static String taskDescription(Signature signature) {
		StringBuilder objective = new StringBuilder("In adhering to this structure, your objective is: ");
		for (String line : Text.splitLines(Text.dedent(signature.instructions()))) {
			objective.append('\n').append(" ".repeat(8)).append(line);
		}
		return objective.toString();
	}

	/** {@code [[ ## name ## ]]} blocks joined by blank lines. */
	private static String sections(Map<String, String> values) {
		List<String> blocks = new ArrayList<>();
		values.forEach((name, value) -> blocks.add("[[ ## " + name + " ## ]]\n" + value));
		return String.join("\n\n", blocks).strip();
	}

	/** Input sections after an optional prefix, then the output reminder for the request itself (null for demos). */
	static String userMessage(Signature signature, Map<String, String> inputs, String prefix, String requirements) {
		List<String> parts = new ArrayList<>();
		parts.add(prefix);
		for (Field field : signature.inputs()) {
			if (inputs.containsKey(field.name())) {
				parts.add("[[ ## " + field.name() + " ## ]]\n" + field.type().canonical(inputs.get(field.name())));
			}
		}
		if (requirements != null) {
			parts.add(requirements);
		}
		parts.add("");
		return String.join("\n\n", parts).strip();
	}

	static String outputRequirements(Signature signature) {
		return "Respond with the corresponding output fields, starting with the field "
				+ typedList(signature.outputs(), name -> "`[[ ## " + name + " ## ]]`") + ", and then ending with the "
				+ "marker for `" + COMPLETED + "`.";
	}

	/** The fields joined with ", then ", each followed by its Python type when it is not text. */
	private static String typedList(List<Field> fields, java.util.function.UnaryOperator<String> render) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			Field field = fields.get(i);
			text.append(i == 0 ? "" : ", then ").append(render.apply(field.name()));
			if (!field.type().isText()) {
				text.append(" (must be formatted as a valid Python ").append(field.type().annotationName()).append(')');
			}
		}
		return text.toString();
	}

	static String assistantMessage(Signature signature, Map<String, String> outputs, String missing) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Field field : signature.outputs()) {
			String value = outputs.get(field.name());
			values.put(field.name(), value != null ? field.type().canonical(value) : missing);
		}
		return sections(values) + "\n\n" + COMPLETED + "\n";
	}

	/**
	 * Incomplete demos (some field missing, but at least one input and one output) first, then complete ones; the
	 * assistant turn is rendered by {@code assistant} from the demo's values and the text for a missing output.
	 */
	static List<ChatMessage> formatDemos(Signature signature, List<Demo> demos,
			BiFunction<Map<String, String>, String, String> assistant) {
		List<Demo> complete = new ArrayList<>();
		List<Demo> incomplete = new ArrayList<>();
		for (Demo demo : demos) {
			boolean isComplete = signature.fields().stream().allMatch(f -> demo.has(f.name()));
			boolean hasInput = signature.inputs().stream().anyMatch(f -> demo.values().containsKey(f.name()));
			boolean hasOutput = signature.outputs().stream().anyMatch(f -> demo.values().containsKey(f.name()));
			if (isComplete) {
				complete.add(demo);
			}
			else if (hasInput && hasOutput) {
				incomplete.add(demo);
			}
		}
		List<ChatMessage> messages = new ArrayList<>();
		for (Demo demo : incomplete) {
			messages.add(ChatMessage.user(userMessage(signature, present(demo), INCOMPLETE_DEMO_PREFIX, null)));
			messages.add(ChatMessage.assistant(assistant.apply(present(demo), MISSING_IN_INCOMPLETE_DEMO)));
		}
		for (Demo demo : complete) {
			messages.add(ChatMessage.user(userMessage(signature, demo.values(), "", null)));
			messages.add(ChatMessage.assistant(assistant.apply(demo.values(), null)));
		}
		return messages;
	}

	private static Map<String, String> present(Demo demo) {
		Map<String, String> values = new LinkedHashMap<>();
		demo.values().forEach((k, v) -> {
			if (v != null) {
				values.put(k, v);
			}
		});
		return values;
	}

	/**
	 * Reads the output fields from a completion: sections start at lines beginning with a {@code [[ ## name ## ]]}
	 * marker, the first occurrence of a field wins, values are parsed by the field's type.
	 * @throws AdapterParseException when a field is missing or its value does not parse
	 */
	public static Map<String, String> parse(Signature signature, String completion) {
		List<String> names = new ArrayList<>();
		List<List<String>> contents = new ArrayList<>();
		names.add(null);
		contents.add(new ArrayList<>());
		for (String line : Text.splitLines(completion)) {
			String stripped = line.strip();
			Matcher match = FIELD_HEADER.matcher(stripped);
			if (match.lookingAt()) {
				names.add(match.group(1));
				String rest = stripped.substring(match.end()).strip();
				List<String> content = new ArrayList<>();
				if (!rest.isEmpty()) {
					content.add(rest);
				}
				contents.add(content);
			}
			else {
				contents.get(contents.size() - 1).add(line);
			}
		}
		Map<String, Field> outputs = new LinkedHashMap<>();
		signature.outputs().forEach(f -> outputs.put(f.name(), f));
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 1; i < names.size(); i++) {
			String name = names.get(i);
			if (outputs.containsKey(name) && !values.containsKey(name)) {
				values.put(name, parseValue(outputs.get(name), String.join("\n", contents.get(i)).strip(), completion));
			}
		}
		return ordered(signature, values, completion);
	}

	private static String parseValue(Field field, String value, String completion) {
		try {
			return field.type().parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new AdapterParseException("field `" + field.name() + "`: " + ex.getMessage(), completion);
		}
	}

	private static Map<String, String> ordered(Signature signature, Map<String, String> values, String completion) {
		Map<String, String> ordered = new LinkedHashMap<>();
		for (Field field : signature.outputs()) {
			if (!values.containsKey(field.name())) {
				throw new AdapterParseException("the answer lacks field `" + field.name() + "`", completion);
			}
			ordered.put(field.name(), values.get(field.name()));
		}
		return ordered;
	}

	/**
	 * The messages of the one retry after a parse failure: the same demos and inputs, but the structure block and
	 * the reminder ask for a JSON object (as DSPy's JSONAdapter does).
	 */
	public static List<ChatMessage> formatJson(Signature signature, List<Demo> demos, Map<String, String> inputs) {
		List<ChatMessage> messages = new ArrayList<>();
		String system = fieldDescription(signature) + "\n" + jsonStructure(signature) + "\n" + taskDescription(signature);
		messages.add(ChatMessage.system(system));
		messages.addAll(formatDemos(signature, demos, (outputs, missing) -> jsonOutputs(signature, outputs, missing)));
		messages.add(ChatMessage.user(userMessage(signature, inputs, "", jsonOutputRequirements(signature))));
		return messages;
	}

	private static String jsonStructure(Signature signature) {
		Map<String, Object> outputs = new LinkedHashMap<>();
		for (Field field : signature.outputs()) {
			outputs.put(field.name(), placeholder(field, true));
		}
		return String.join("\n\n", STRUCTURE_HEADER, "Inputs will have the following structure:",
				placeholders(signature.inputs(), false), "Outputs will be a JSON object with the following fields.",
				Json.dumpsIndented(outputs));
	}

	/** A demo's outputs as DSPy's JSON adapter writes them: typed values as JSON numbers and booleans, indent 2. */
	private static String jsonOutputs(Signature signature, Map<String, String> values, String missing) {
		Map<String, Object> typed = new LinkedHashMap<>();
		for (Field field : signature.outputs()) {
			String value = values.get(field.name());
			typed.put(field.name(), value != null ? field.type().toJson(value) : missing);
		}
		return Json.dumpsIndented(typed);
	}

	private static String jsonOutputRequirements(Signature signature) {
		return "Respond with a JSON object in the following order of fields: "
				+ typedList(signature.outputs(), name -> "`" + name + "`") + ".";
	}

	/**
	 * Reads the first JSON object of a completion as DSPy's JSON adapter does: leniently (single quotes, trailing
	 * commas, a missing closing brace, a fenced block), keeping the output fields and reading each by its type.
	 */
	public static Map<String, String> parseJson(Signature signature, String completion) {
		Optional<Map<String, Object>> object = Json.firstObject(completion);
		if (object.isEmpty()) {
			throw new AdapterParseException("the answer holds no JSON object", completion);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Field field : signature.outputs()) {
			if (object.get().containsKey(field.name())) {
				values.put(field.name(), fromJson(field, object.get().get(field.name()), completion));
			}
		}
		return ordered(signature, values, completion);
	}

	private static String fromJson(Field field, Object value, String completion) {
		try {
			return field.type().fromJson(value);
		}
		catch (IllegalArgumentException ex) {
			throw new AdapterParseException("field `" + field.name() + "`: " + ex.getMessage(), completion);
		}
	}

}
