package io.mipro.optimizer.propose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroundedProposerTests {

	static final Program PROGRAM = Program.of(Predictor.single(ModuleKind.CHAIN_OF_THOUGHT,
			Signature.parse("context, question -> answer", "Answer the question.")));

	/** Answers each meta-prompt by its output field; "COMPLETE" for further observations when asked to. */
	static final class MetaModel implements LanguageModel {

		final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

		final boolean complete;

		MetaModel(boolean complete) {
			this.complete = complete;
		}

		@Override
		public Completion complete(ChatRequest request) {
			requests.add(request);
			String system = request.messages().get(0).content();
			String output = system.substring(system.indexOf("Your output fields are:"));
			String field = output.substring(output.indexOf('`') + 1, output.indexOf('`', output.indexOf('`') + 1));
			String value = switch (field) {
				case "observations" -> system.contains("`prior_observations`") && complete ? "COMPLETE" : "More facts.";
				case "proposed_instruction" -> "**Proposed Instruction:** \"Answer briefly.\"";
				default -> field + " text";
			};
			return Completion.of("[[ ## " + field + " ## ]]\n" + value + "\n\n[[ ## completed ## ]]");
		}

	}

	static List<Example> train(int n) {
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			examples.add(Example.of("context", "c" + i, "question", "q" + i, "answer", "a" + i));
		}
		return examples;
	}

	@ParameterizedTest(name = "{0} examples -> {1} calls")
	@CsvSource({ "5, 2", "10, 2", "11, 3", "50, 6", "95, 11", "200, 11" })
	void datasetSummaryMakesTheReferenceNumberOfCalls(int examples, int calls) {
		MetaModel model = new MetaModel(false);

		String summary = new DatasetSummarizer(model, ModelSettings.of("p"), 10)
			.summarize(train(examples), List.of("context", "question"))
			.orElseThrow();

		assertThat(model.requests).hasSize(calls);
		assertThat(summary).isEqualTo("summary text");
		assertThat(model.requests).allMatch(r -> r.temperature() == 1.0 && r.rolloutId() == null);
	}

	@Test
	void datasetSummaryStopsAfterFiveCompletes() {
		MetaModel model = new MetaModel(true);

		new DatasetSummarizer(model, ModelSettings.of("p"), 10).summarize(train(200), List.of("question"));

		// the first batch, five COMPLETE answers, the summarizer
		assertThat(model.requests).hasSize(1 + 5 + 1);
	}

	@Test
	void batchTextShowsExamplesWithSortedInputKeys() {
		String text = DatasetSummarizer.batchText(List.of(Example.of("question", "It's?", "answer", "yes")),
				List.of("question", "context"));
		assertThat(text).isEqualTo("[Example({'question': 'It\\'s?', 'answer': 'yes'}) (input_keys={'context', 'question'})]");
	}

	@Test
	void describesOncePerPredictorAndGroundsEachProposal() {
		MetaModel model = new MetaModel(false);
		GroundedProposer proposer = new GroundedProposer(model, ModelSettings.of("p"), true, true, true);
		Demo augmented = new Demo(Map.of("context", "ctx", "question", "why?", "reasoning", "since", "answer", "so"), true);
		List<DemoSet> sets = List.of(new DemoSet(0, DemoSet.Kind.ZERO_SHOT, List.of(List.of())),
				new DemoSet(1, DemoSet.Kind.BOOTSTRAPPED, List.of(List.of(augmented))));

		ProgramContext context = proposer.describe(PROGRAM, 0, sets, 1.0);
		int describeCalls = model.requests.size();
		String proposal = proposer
			.propose(PROGRAM, new GroundedProposer.Proposal(0, 1, Tip.PERSONA, 0.9, 77, null), context, "Data summary.", sets)
			.orElseThrow();

		assertThat(describeCalls).isEqualTo(2);
		assertThat(context.module()).isEqualTo("Predict(context, question) -> reasoning, answer");
		assertThat(context.programCode()).contains("self.predict = dspy.ChainOfThought(\"context, question -> answer\")");
		assertThat(proposal).isEqualTo("Answer briefly.");
		ChatRequest last = model.requests.get(model.requests.size() - 1);
		assertThat(last.temperature()).isEqualTo(0.9);
		assertThat(last.rolloutId()).isEqualTo(77);
		String user = last.messages().get(1).content();
		assertThat(user).contains("[[ ## dataset_description ## ]]\nData summary.")
			.contains("[[ ## program_description ## ]]\nprogram_description text")
			.contains("[[ ## task_demos ## ]]\nContext: ctx\nQuestion: why?\nReasoning: since\nAnswer: so")
			.contains("[[ ## basic_instruction ## ]]\nAnswer the question.")
			.contains("[[ ## tip ## ]]\n" + Tip.PERSONA.text());
	}

	@Test
	void noTipFieldForTheNoneTipAndNoDemosForSetZero() {
		MetaModel model = new MetaModel(false);
		GroundedProposer proposer = new GroundedProposer(model, ModelSettings.of("p"), false, false, true);
		List<DemoSet> sets = List.of(new DemoSet(0, DemoSet.Kind.ZERO_SHOT, List.of(List.of())));
		ProgramContext context = proposer.describe(PROGRAM, 0, sets, 1.0);

		proposer.propose(PROGRAM, new GroundedProposer.Proposal(0, 0, Tip.NONE, 1.0, 1, null), context, null, sets);

		assertThat(model.requests).hasSize(1);
		String system = model.requests.get(0).messages().get(0).content();
		assertThat(system).doesNotContain("`tip`").doesNotContain("`dataset_description`").doesNotContain("`program_code`");
		assertThat(model.requests.get(0).messages().get(1).content()).contains("No task demos provided.");
	}

	@ParameterizedTest(name = "[{0}]")
	@CsvSource(delimiter = '|', textBlock = """
			Proposed Instruction: Do it.             | Do it.
			**New instruction:** "Be brief."         | Be brief.
			Task: summarize the text                 | summarize the text
			No label here, just text.                | No label here, just text.
			""")
	void stripPrefixRemovesAShortLeadingLabelAndQuotes(String input, String expected) {
		assertThat(StripPrefix.apply(input)).isEqualTo(expected);
	}

	@Test
	void proposalsCallThePromptModelOnceEach() {
		AtomicInteger calls = new AtomicInteger();
		LanguageModel counting = request -> {
			calls.incrementAndGet();
			return new MetaModel(false).complete(request);
		};
		GroundedProposer proposer = new GroundedProposer(counting, ModelSettings.of("p"), true, true, true);
		List<DemoSet> sets = List.of(new DemoSet(0, DemoSet.Kind.ZERO_SHOT, List.of(List.of())));
		ProgramContext context = proposer.describe(PROGRAM, 0, sets, 1.0);
		calls.set(0);
		for (int i = 0; i < 4; i++) {
			proposer.propose(PROGRAM, new GroundedProposer.Proposal(0, 0, Tip.SIMPLE, 1.0, i, null), context, "s", sets);
		}
		// the reference makes 3 calls per proposal (it redescribes program and module every time)
		assertThat(calls.get()).isEqualTo(4);
	}

	@Test
	void theProgramCodeShowsTheWholePipelineAndHowDataFlows() {
		Program pipeline = Program.pipeline(List.of(
				Predictor.named("rewrite", ModuleKind.PREDICT, Signature.parse("question -> query")),
				io.mipro.optimizer.program.Retriever.of("search", "corpus-1", 3, Signature.parse("query -> passages")),
				Predictor.named("answer", ModuleKind.CHAIN_OF_THOUGHT,
						Signature.parse("passages, question -> answer, confidence"))));

		assertThat(GroundedProposer.programCode(pipeline)).isEqualTo("""
				class Program(dspy.Module):
				    def __init__(self):
				        self.rewrite = dspy.Predict("question -> query")
				        self.search = dspy.Retrieve(k=3)
				        self.answer = dspy.ChainOfThought("passages, question -> answer, confidence")

				    def forward(self, question):
				        query = self.rewrite(question=question).query
				        passages = self.search(query).passages
				        result = self.answer(passages=passages, question=question)
				        answer, confidence = result.answer, result.confidence
				        return dspy.Prediction(answer=answer, confidence=confidence)""");
		assertThat(GroundedProposer.moduleDescriptor(pipeline.predictor(1)))
			.isEqualTo("Predict(passages, question) -> reasoning, answer, confidence");
	}

}
