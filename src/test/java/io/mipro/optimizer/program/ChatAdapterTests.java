package io.mipro.optimizer.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatMessage.Role;
import org.junit.jupiter.api.Test;

/** Golden tests: whole rendered prompts compared with the reference's format, character for character. */
class ChatAdapterTests {

	@Test
	void rendersTheReferenceExampleExactly() {
		Signature signature = Signature.parse("question -> answer");

		List<ChatMessage> messages = ChatAdapter.format(signature, List.of(), Map.of("question", "What is 2+2?"));

		assertThat(messages).hasSize(2);
		assertThat(messages.get(0).role()).isEqualTo(Role.SYSTEM);
		assertThat(messages.get(0).content()).isEqualTo("""
				Your input fields are:
				1. `question` (str):
				Your output fields are:
				1. `answer` (str):
				All interactions will be structured in the following way, with the appropriate values filled in.

				[[ ## question ## ]]
				{question}

				[[ ## answer ## ]]
				{answer}

				[[ ## completed ## ]]
				In adhering to this structure, your objective is:\s
				        Given the fields `question`, produce the fields `answer`.""");
		assertThat(messages.get(1)).isEqualTo(ChatMessage.user("""
				[[ ## question ## ]]
				What is 2+2?

				Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then \
				ending with the marker for `[[ ## completed ## ]]`."""));
	}

	@Test
	void rendersChainOfThoughtTypesDescriptionsAndDemosIncompleteFirst() {
		Signature base = Signature.parse("text -> label: Literal['pos', 'neg']", "  Classify the sentiment.\n  Be careful.")
			.withDescriptions(Map.of("text", "The review text"));
		Signature signature = ModuleKind.CHAIN_OF_THOUGHT.extend(base);
		Demo augmented = new Demo(Map.of("text", "Loved it", "reasoning", "Positive words.", "label", "pos"), true);
		Demo labeled = Demo.labeled(Example.of("text", "Dull", "label", "neg"));

		List<ChatMessage> messages = ChatAdapter.format(signature, List.of(augmented, labeled),
				Map.of("text", "Great movie"));

		assertThat(messages).extracting(ChatMessage::role)
			.containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.USER);
		assertThat(messages.get(0).content()).isEqualTo("""
				Your input fields are:
				1. `text` (str): The review text
				Your output fields are:
				1. `reasoning` (str):\s
				2. `label` (Literal['pos', 'neg']):
				All interactions will be structured in the following way, with the appropriate values filled in.

				[[ ## text ## ]]
				{text}

				[[ ## reasoning ## ]]
				{reasoning}

				[[ ## label ## ]]
				{label}        # note: the value you produce must exactly match (no extra characters) one of: pos; neg

				[[ ## completed ## ]]
				In adhering to this structure, your objective is:\s
				        Classify the sentiment.
				        Be careful.""");
		// the labeled demo lacks reasoning: it is incomplete and comes first, with the prefix and a placeholder
		assertThat(messages.get(1).content()).isEqualTo("""
				This is an example of the task, though some input or output fields are not supplied.

				[[ ## text ## ]]
				Dull""");
		assertThat(messages.get(2).content()).isEqualTo("""
				[[ ## reasoning ## ]]
				Not supplied for this particular example.\s

				[[ ## label ## ]]
				neg

				[[ ## completed ## ]]
				""");
		assertThat(messages.get(3).content()).isEqualTo("[[ ## text ## ]]\nLoved it");
		assertThat(messages.get(4).content())
			.isEqualTo("[[ ## reasoning ## ]]\nPositive words.\n\n[[ ## label ## ]]\npos\n\n[[ ## completed ## ]]\n");
		assertThat(messages.get(5).content()).isEqualTo("""
				[[ ## text ## ]]
				Great movie

				Respond with the corresponding output fields, starting with the field `[[ ## reasoning ## ]]`, then \
				`[[ ## label ## ]]` (must be formatted as a valid Python Literal['pos', 'neg']), and then ending with \
				the marker for `[[ ## completed ## ]]`.""");
	}

	@Test
	void typedOutputsGetHintsAndDemosMissingEveryOutputAreDropped() {
		Signature signature = Signature.parse("a, b -> total: int, exact: bool");
		Demo noOutput = Demo.labeled(Example.of("a", "1", "b", "2"));

		List<ChatMessage> messages = ChatAdapter.format(signature, List.of(noOutput), Map.of("a", "1", "b", "2"));

		assertThat(messages).hasSize(2);
		assertThat(messages.get(0).content())
			.contains("{total}        # note: the value you produce must be a single int value")
			.contains("{exact}        # note: the value you produce must be True or False")
			.contains("Given the fields `a`, `b`, produce the fields `total`, `exact`.");
		assertThat(messages.get(1).content()).endsWith("`[[ ## total ## ]]` (must be formatted as a valid Python int), "
				+ "then `[[ ## exact ## ]]` (must be formatted as a valid Python bool), and then ending with the marker "
				+ "for `[[ ## completed ## ]]`.");
	}

	@Test
	void parsesSectionsFirstOccurrenceWinsAndTextOnTheMarkerLine() {
		Signature signature = Signature.parse("question -> reasoning, answer");

		Map<String, String> parsed = ChatAdapter.parse(signature, """
				Sure! Here it is.
				[[ ## reasoning ## ]] Two plus two.
				More thinking.

				  [[ ## answer ## ]]
				4
				[[ ## answer ## ]]
				5
				[[ ## completed ## ]]""");

		assertThat(parsed).containsExactly(Map.entry("reasoning", "Two plus two.\nMore thinking."),
				Map.entry("answer", "4"));
	}

	@Test
	void parsesTypedValuesAndRefusesWhatDoesNotFit() {
		Signature signature = Signature.parse("q -> n: int, ok: bool, label: Literal['yes', 'no']");

		assertThat(ChatAdapter.parse(signature, "[[ ## n ## ]]\n42.0\n[[ ## ok ## ]]\ntrue\n[[ ## label ## ]]\n'no'"))
			.containsExactly(Map.entry("n", "42"), Map.entry("ok", "True"), Map.entry("label", "no"));
		assertThat(ChatAdapter.parse(signature,
				"[[ ## n ## ]]\n-3\n[[ ## ok ## ]]\nFalse\n[[ ## label ## ]]\nLiteral['yes']"))
			.containsEntry("label", "yes");
		assertThatThrownBy(() -> ChatAdapter.parse(signature, "[[ ## n ## ]]\nmany\n[[ ## ok ## ]]\ntrue\n[[ ## label ## ]]\nno"))
			.isInstanceOf(AdapterParseException.class)
			.hasMessageContaining("field `n`");
		assertThatThrownBy(() -> ChatAdapter.parse(signature, "[[ ## n ## ]]\n1\n[[ ## ok ## ]]\ntrue"))
			.isInstanceOf(AdapterParseException.class)
			.hasMessageContaining("lacks field `label`");
		assertThatThrownBy(() -> ChatAdapter.parse(signature, "[[ ## n ## ]]\n1\n[[ ## ok ## ]]\ntrue\n[[ ## label ## ]]\nmaybe"))
			.isInstanceOf(AdapterParseException.class);
	}

	@Test
	void jsonRetryAsksForAnObjectAndParsesIt() {
		Signature signature = Signature.parse("question -> answer: int");

		List<ChatMessage> messages = ChatAdapter.formatJson(signature, List.of(), Map.of("question", "2+2?"));

		assertThat(messages.get(0).content()).contains("Outputs will be a JSON object with the following fields.")
			.contains("\"answer\": \"{answer}        # note: the value you produce must be a single int value\"");
		assertThat(messages.get(1).content())
			.endsWith("Respond with a JSON object in the following order of fields: `answer` (must be formatted as a "
					+ "valid Python int).");
		assertThat(ChatAdapter.parseJson(signature, "Here: {\"answer\": 4, \"note\": {\"x\": [1]}} done"))
			.containsEntry("answer", "4");
		assertThatThrownBy(() -> ChatAdapter.parseJson(signature, "four")).isInstanceOf(AdapterParseException.class);
	}

	/** Issue 13: DSPy's json_repair reads these near-JSON answers, so the JSON fallback must too. */
	@Test
	void jsonRetryRepairsNearJsonAsDspyDoes() {
		Signature signature = Signature.parse("question -> answer");

		assertThat(ChatAdapter.parseJson(signature, "{'answer': 'Paris',}")).containsExactly(Map.entry("answer", "Paris"));
		assertThat(ChatAdapter.parseJson(signature, "{\"answer\": \"Paris\"")).containsExactly(Map.entry("answer", "Paris"));
		assertThat(ChatAdapter.parseJson(signature, "```json\n{\"answer\": \"Paris\"}\n```"))
			.containsExactly(Map.entry("answer", "Paris"));
		// a text field takes Python's str() of whatever value the model wrote
		assertThat(ChatAdapter.parseJson(signature, "{\"answer\": true}")).containsEntry("answer", "True");
		assertThat(ChatAdapter.parseJson(signature, "{\"answer\": 1006}")).containsEntry("answer", "1006");
		assertThatThrownBy(() -> ChatAdapter.parseJson(signature, "{\"reply\": \"Paris\"}"))
			.isInstanceOf(AdapterParseException.class)
			.hasMessageContaining("lacks field `answer`");
	}

	@Test
	void typedOutputsReadBackAsPythonWritesThem() {
		Signature signature = Signature.parse("question -> x: float, ok: bool, n: int");

		assertThat(ChatAdapter.parse(signature, "[[ ## x ## ]]\n1e-5\n[[ ## ok ## ]]\ntrue\n[[ ## n ## ]]\n8.0"))
			.containsExactly(Map.entry("x", "1e-05"), Map.entry("ok", "True"), Map.entry("n", "8"));
		assertThat(ChatAdapter.parseJson(signature, "{\"x\": 0.50, \"ok\": false, \"n\": 8}"))
			.containsExactly(Map.entry("x", "0.5"), Map.entry("ok", "False"), Map.entry("n", "8"));
		assertThat(ChatAdapter.parseJson(signature, "{\"x\": \"2.5E-7\", \"ok\": \"True\", \"n\": \"12\"}"))
			.containsExactly(Map.entry("x", "2.5e-07"), Map.entry("ok", "True"), Map.entry("n", "12"));
		assertThatThrownBy(() -> ChatAdapter.parseJson(signature, "{\"x\": 1, \"ok\": true, \"n\": 8.5}"))
			.isInstanceOf(AdapterParseException.class)
			.hasMessageContaining("field `n`");
	}

	/** Demo values of typed fields are written as their types promise, in both formats (issues 8 and 13). */
	@Test
	void typedDemoValuesRenderAsTheirTypes() {
		Signature signature = Signature.parse("question -> count: int, ok: bool, score: float");
		Demo demo = new Demo(Map.of("question", "How many?", "count", "8", "ok", "true", "score", "0.50"), false);

		List<ChatMessage> json = ChatAdapter.formatJson(signature, List.of(demo), Map.of("question", "And now?"));
		List<ChatMessage> chat = ChatAdapter.format(signature, List.of(demo), Map.of("question", "And now?"));

		assertThat(json.get(2).content()).isEqualTo("{\n  \"count\": 8,\n  \"ok\": true,\n  \"score\": 0.5\n}");
		assertThat(chat.get(2).content()).isEqualTo(
				"[[ ## count ## ]]\n8\n\n[[ ## ok ## ]]\nTrue\n\n[[ ## score ## ]]\n0.5\n\n[[ ## completed ## ]]\n");
	}

	@Test
	void signaturesParseTypesAndRefuseBadForms() {
		Signature signature = Signature.parse("context, question -> answer");
		assertThat(signature.inputs()).extracting(Field::name).containsExactly("context", "question");
		assertThat(signature.instructions())
			.isEqualTo("Given the fields `context`, `question`, produce the fields `answer`.");
		assertThat(Signature.parse("text -> label: Literal['a, b', \"c\"]").outputs().get(0).type().allowed())
			.containsExactly("a, b", "c");
		assertThat(Field.of("questionText").prefix()).isEqualTo("Question Text:");
		assertThat(Field.of("snake_case_name").prefix()).isEqualTo("Snake Case Name:");
		assertThat(Field.of("HTMLParser").prefix()).isEqualTo("HTML Parser:");
		assertThat(Field.of("text2number").prefix()).isEqualTo("Text 2 Number:");

		assertThatThrownBy(() -> Signature.parse("question answer")).hasMessageContaining("->");
		assertThatThrownBy(() -> Signature.parse("q -> a -> b")).hasMessageContaining("exactly one");
		assertThatThrownBy(() -> Signature.parse("q, q -> a")).hasMessageContaining("twice");
		assertThatThrownBy(() -> Signature.parse("q -> a: list")).hasMessageContaining("unknown field type");
		assertThatThrownBy(() -> Signature.parse("my q -> a")).hasMessageContaining("not an identifier");
		assertThatThrownBy(() -> Signature.parse(" -> a")).hasMessageContaining("empty field name");
	}

}
