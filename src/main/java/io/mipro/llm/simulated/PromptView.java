package io.mipro.llm.simulated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.optimizer.spi.ChatMessage;

/**
 * What a ChatAdapter-format prompt says, read back from its text: the input and output fields (with types), the
 * instructions, the demos, and the inputs of the request. The simulator reads nothing else.
 */
record PromptView(List<String> inputs, Map<String, String> outputTypes, String instructions,
		List<Map<String, String>> demoInputs, List<Map<String, String>> demoOutputs, Map<String, String> request,
		boolean wantsJson) {

	private static final Pattern FIELD_LINE = Pattern.compile("^\\d+\\. `(\\w+)` \\(([^)]*)\\):", Pattern.MULTILINE);

	private static final Pattern SECTION = Pattern.compile("\\[\\[ ## (\\w+) ## \\]\\]\\n?");

	static PromptView read(List<ChatMessage> messages) {
		String system = messages.get(0).content();
		int outputsAt = system.indexOf("Your output fields are:");
		int structureAt = system.indexOf("All interactions will be structured");
		List<String> inputs = new ArrayList<>(fieldTypes(system.substring(0, Math.max(0, outputsAt))).keySet());
		Map<String, String> outputs = fieldTypes(system.substring(Math.max(0, outputsAt), Math.max(outputsAt, structureAt)));
		int objectiveAt = system.indexOf("your objective is:");
		String instructions = objectiveAt < 0 ? "" : system.substring(objectiveAt + "your objective is:".length()).strip();
		instructions = instructions.replaceAll("\\n {8}", "\n").strip();
		List<Map<String, String>> demoInputs = new ArrayList<>();
		List<Map<String, String>> demoOutputs = new ArrayList<>();
		for (int i = 1; i + 1 < messages.size(); i += 2) {
			if (messages.get(i).role() == ChatMessage.Role.USER && messages.get(i + 1).role() == ChatMessage.Role.ASSISTANT) {
				demoInputs.add(sections(messages.get(i).content()));
				demoOutputs.add(sections(messages.get(i + 1).content()));
			}
		}
		String last = messages.get(messages.size() - 1).content();
		return new PromptView(inputs, outputs, instructions, demoInputs, demoOutputs, sections(last),
				last.contains("Respond with a JSON object"));
	}

	private static Map<String, String> fieldTypes(String block) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = FIELD_LINE.matcher(block);
		while (matcher.find()) {
			fields.put(matcher.group(1), matcher.group(2));
		}
		return fields;
	}

	/** The {@code [[ ## name ## ]]} sections of a message; the output reminder paragraph is cut off. */
	static Map<String, String> sections(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		Matcher matcher = SECTION.matcher(text);
		List<int[]> marks = new ArrayList<>();
		List<String> names = new ArrayList<>();
		while (matcher.find()) {
			marks.add(new int[] { matcher.start(), matcher.end() });
			names.add(matcher.group(1));
		}
		for (int i = 0; i < names.size(); i++) {
			int end = i + 1 < marks.size() ? marks.get(i + 1)[0] : text.length();
			String value = text.substring(marks.get(i)[1], end);
			int reminder = value.indexOf("\n\nRespond with ");
			if (reminder >= 0) {
				value = value.substring(0, reminder);
			}
			if (!names.get(i).equals("completed")) {
				values.putIfAbsent(names.get(i), value.strip());
			}
		}
		return values;
	}

	boolean outputs(String field) {
		return outputTypes.containsKey(field);
	}

}
