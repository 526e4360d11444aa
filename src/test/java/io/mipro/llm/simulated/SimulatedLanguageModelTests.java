package io.mipro.llm.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.program.ChatAdapter;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.ModelRole;
import org.junit.jupiter.api.Test;

/** The simulated reader behaves like a model in the ways the optimizer cares about, reading only the prompt. */
class SimulatedLanguageModelTests {

	static final String CONTEXT = "The Halvard Bridge opened to traffic in 1931 after six years of construction. "
			+ "It spans the Tessa River and was designed by the engineer Mira Okonkwo. Its central arch is 240 metres long.";

	final SimulatedLanguageModel model = new SimulatedLanguageModel();

	private Map<String, String> ask(Signature signature, List<Demo> demos, String question) {
		var messages = ChatAdapter.format(signature, demos, Map.of("context", CONTEXT, "question", question));
		String text = model.complete(new ChatRequest(ModelRole.TASK, "m", messages, null, null, null, "t"),
				new UsageCounter()).text();
		return ChatAdapter.parse(signature, text);
	}

	@Test
	void withoutGuidanceItAnswersWithTheBestMatchingSentence() {
		Signature signature = Signature.parse("context, question -> answer", "Answer the question.");

		assertThat(ask(signature, List.of(), "Who designed the Halvard Bridge?").get("answer"))
			.isEqualTo("It spans the Tessa River and was designed by the engineer Mira Okonkwo.");
	}

	@Test
	void instructionsAskingForShortExactAnswersMakeItExtractASpan() {
		Signature signature = Signature.parse("context, question -> answer",
				"Answer with a short span copied exactly from the context.");

		assertThat(ask(signature, List.of(), "Who designed the Halvard Bridge?").get("answer")).isEqualTo("Mira Okonkwo");
		assertThat(ask(signature, List.of(), "In what year did the Halvard Bridge open to traffic?").get("answer"))
			.isEqualTo("1931");
		assertThat(ask(signature, List.of(), "How long is the central arch?").get("answer")).isEqualTo("240 metres");
	}

	@Test
	void demosTeachTheAnswerLength() {
		Signature signature = Signature.parse("context, question -> answer", "Answer the question.");
		List<Demo> oneWord = List.of(Demo.labeled(Example.of("context", "x", "question", "q", "answer", "Paris")),
				Demo.labeled(Example.of("context", "y", "question", "r", "answer", "1900")));

		assertThat(ask(signature, oneWord, "How long is the central arch?").get("answer")).isEqualTo("240");
	}

	@Test
	void chainOfThoughtGetsReasoningAndTheSameAnswer() {
		Signature signature = ModuleKind.CHAIN_OF_THOUGHT
			.extend(Signature.parse("context, question -> answer", "Give the exact answer."));

		Map<String, String> answer = ask(signature, List.of(), "Who designed the Halvard Bridge?");

		assertThat(answer.get("reasoning")).contains("designed by the engineer Mira Okonkwo");
		assertThat(answer.get("answer")).isEqualTo("Mira Okonkwo");
	}

	@Test
	void classifiesIntoTheAllowedLabels() {
		Signature signature = Signature.parse("text -> label: Literal['card_lost', 'balance']");
		var messages = ChatAdapter.format(signature, List.of(), Map.of("text", "I lost my card yesterday"));
		String text = model.complete(new ChatRequest(ModelRole.TASK, "m", messages, null, null, null, "t"),
				new UsageCounter()).text();

		assertThat(ChatAdapter.parse(signature, text).get("label")).isEqualTo("card_lost");
	}

	@Test
	void isDeterministicAndCountsTheCallAndTokens() {
		Signature signature = Signature.parse("context, question -> answer");
		UsageCounter usage = new UsageCounter();
		var messages = ChatAdapter.format(signature, List.of(), Map.of("context", CONTEXT, "question", "Who?"));
		ChatRequest request = new ChatRequest(ModelRole.TASK, "m", messages, 1.0, null, 5L, "t");

		assertThat(model.complete(request, usage)).isEqualTo(model.complete(request, usage));
		assertThat(usage.usage().taskModelCalls()).isEqualTo(2);
		assertThat(usage.usage().inputTokens()).isPositive();
	}

	private Map<String, String> askPipeline(String signature, String instructions, Map<String, String> inputs,
			List<Demo> demos) {
		Signature parsed = Signature.parse(signature, instructions);
		var messages = ChatAdapter.format(parsed, demos, inputs);
		String text = model.complete(new ChatRequest(ModelRole.TASK, "m", messages, null, null, null, "t"),
				new UsageCounter()).text();
		return ChatAdapter.parse(parsed, text);
	}

	@Test
	void unguidedEvidenceIsInItsOwnWordsAndLosesTheDetail() {
		Map<String, String> inputs = Map.of("context", CONTEXT, "question", "How long is the central arch?");

		assertThat(askPipeline("context, question -> evidence", "Find the evidence.", inputs, List.of()).get("evidence"))
			.isEqualTo("The text discusses central and arch and long.");
	}

	@Test
	void evidenceIsQuotedWhenTheInstructionsOrTheDemosAskForIt() {
		Map<String, String> inputs = Map.of("context", CONTEXT, "question", "How long is the central arch?");
		String sentence = "Its central arch is 240 metres long.";

		assertThat(askPipeline("context, question -> evidence", "Quote the sentence that answers the question.", inputs,
				List.of()).get("evidence")).isEqualTo(sentence);
		Demo copied = new Demo(Map.of("context", "Oslo is the capital of Norway. It lies on a fjord.", "question",
				"What is the capital of Norway?", "evidence", "Oslo is the capital of Norway."), true);
		assertThat(askPipeline("context, question -> evidence", "Find the evidence.", inputs, List.of(copied))
			.get("evidence")).isEqualTo(sentence);
	}

	@Test
	void theAnswerStageReadsTheEvidenceEvenWhenTheQuestionIsLonger() {
		Map<String, String> inputs = Map.of("evidence", "Its central arch is 240 metres long.", "question",
				"Of all the parts of the bridge, how long is the central arch that spans the river?");

		assertThat(askPipeline("evidence, question -> answer", "Answer with a short span.", inputs, List.of())
			.get("answer")).isEqualTo("240 metres");
	}

	@Test
	void queriesAreWordyUnlessKeywordsAreAskedFor() {
		Map<String, String> inputs = Map.of("question", "Who designed the Halvard Bridge?");

		assertThat(askPipeline("question -> query", "Write a search query.", inputs, List.of()).get("query"))
			.isEqualTo("Find documents and background information that explain the following: Who designed the "
					+ "Halvard Bridge?");
		assertThat(askPipeline("question -> query", "Rewrite the question as a few search keywords.", inputs, List.of())
			.get("query")).isEqualTo("designed Halvard Bridge");
	}

	@Test
	void readsRetrievedPassagesAsPlainSentences() {
		String passages = "[1] «The Loire is the longest river in France, at 1,006 km.»\n[2] «Paris is the capital of France.»";
		Map<String, String> inputs = Map.of("passages", passages, "question", "What is the capital of France?");

		assertThat(askPipeline("passages, question -> answer", "Answer the question.", inputs, List.of()).get("answer"))
			.isEqualTo("Paris is the capital of France.");
	}

}
