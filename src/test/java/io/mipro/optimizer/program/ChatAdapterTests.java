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
