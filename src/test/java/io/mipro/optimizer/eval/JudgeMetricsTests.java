package io.mipro.optimizer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.MeteredLanguageModel;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.optimizer.spi.ResponseFormat;
import io.mipro.optimizer.spi.Retrieval;
import org.junit.jupiter.api.Test;

class JudgeMetricsTests {

	static final ModelSettings JUDGE = new ModelSettings("judge-model", 0.9, null);

	static final Example GOLD = Example.of("question", "Where is the tower?", "answer", "Paris");

	static Prediction predicted(String answer) {
		return new Prediction(Map.of("answer", answer), List.of(), false, null);
	}

	/** A judge model answering from a list, recording what it was asked. */
	static final class Replies implements LanguageModel {

		final List<String> replies;

		final List<ChatRequest> requests = new ArrayList<>();

		Replies(String... replies) {
			this.replies = List.of(replies);
		}

		@Override
		public synchronized Completion complete(ChatRequest request) {
			requests.add(request);
			return new Completion(replies.get(Math.min(requests.size() - 1, replies.size() - 1)), 10, 2, false);
		}

	}

	static String chat(String... fieldsAndValues) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			text.append("[[ ## ").append(fieldsAndValues[i]).append(" ## ]]\n").append(fieldsAndValues[i + 1]).append("\n\n");
		}
		return text.append("[[ ## completed ## ]]").toString();
	}

	@Test
	void llmJudgeScoresTheVerdictOverTheScaleAtTemperatureZeroAsTheJudgeRole() {
		Replies judge = new Replies(chat("reasoning", "Same city.", "verdict", "4"));
		Metric metric = new LlmJudge("Names the right city.", 5, JUDGE).bind(judge);

		assertThat(metric.score(GOLD, predicted("Paris, France"), List.of("answer"))).isEqualTo(0.8);
		ChatRequest request = judge.requests.get(0);
		assertThat(request.role()).isEqualTo(ModelRole.JUDGE);
		assertThat(request.model()).isEqualTo("judge-model");
		assertThat(request.temperature()).isEqualTo(0.0);
		String prompt = request.messages().get(request.messages().size() - 1).content();
		assertThat(prompt).contains("Names the right city.", "question: Where is the tower?", "Paris, France", "Paris");
		assertThat(metric.defaultThreshold()).isNull();
		assertThat(new LlmJudge("Pass or fail.", 1, JUDGE).defaultThreshold()).isEqualTo(1.0);
	}

	@Test
	void anUnparseableVerdictIsAskedOnceMoreInJsonThenFailsVisibly() {
		Replies fixed = new Replies("I would say four out of five.", "{\"reasoning\": \"ok\", \"verdict\": 5}");
		Metric metric = new LlmJudge("Right city.", 5, JUDGE).bind(fixed);
		assertThat(metric.score(GOLD, predicted("Paris"), List.of("answer"))).isEqualTo(1.0);
		assertThat(fixed.requests).hasSize(2);
		assertThat(fixed.requests.get(1).responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);

		Replies hopeless = new Replies("no idea", "still no idea", "never asked");
		Metric failing = new LlmJudge("Right city.", 5, JUDGE).bind(hopeless);
		assertThatThrownBy(() -> failing.score(GOLD, predicted("Paris"), List.of("answer")))
			.isInstanceOf(MetricFailure.class)
			.hasMessageContaining("after one retry");
		assertThat(hopeless.requests).hasSize(2);

		Replies words = new Replies(chat("reasoning", "x", "verdict", "four"), "{\"reasoning\": \"x\", \"verdict\": \"four\"}");
		Metric wordy = new LlmJudge("Right city.", 5, JUDGE).bind(words);
		assertThatThrownBy(() -> wordy.score(GOLD, predicted("Paris"), List.of("answer")))
			.isInstanceOf(MetricFailure.class);
		assertThat(words.requests).hasSize(2);

		Replies outOfScale = new Replies(chat("reasoning", "x", "verdict", "9"), "{\"reasoning\": \"x\", \"verdict\": 7}");
		Metric strict = new LlmJudge("Right city.", 5, JUDGE).bind(outOfScale);
		assertThatThrownBy(() -> strict.score(GOLD, predicted("Paris"), List.of("answer")))
			.isInstanceOf(MetricFailure.class)
			.hasMessageContaining("outside 0..5");
	}

	@Test
	void aJudgeFaultIsNotAScoreItPropagates() {
		LanguageModel down = request -> {
			throw new LanguageModelException("provider down after retries", false, null);
		};
		Metric metric = new LlmJudge("Right city.", 5, JUDGE).bind(down);
		assertThatThrownBy(() -> metric.score(GOLD, predicted("Paris"), List.of("answer")))
			.isInstanceOf(LanguageModelException.class);
	}

	@Test
	void semanticF1IsTheHarmonicMeanOfClampedPrecisionAndRecall() {
		Replies judge = new Replies(chat("reasoning", "r", "recall", "0.5", "precision", "1.0"));
		Metric metric = new SemanticF1(JUDGE).bind(judge);
		assertThat(metric.score(GOLD, predicted("Paris"), List.of("answer"))).isCloseTo(2 * 0.5 / 1.5,
				org.assertj.core.data.Offset.offset(1e-9));
		String prompt = judge.requests.get(0).messages().get(judge.requests.get(0).messages().size() - 1).content();
		assertThat(prompt).contains("ground_truth", "system_response");

		assertThat(SemanticF1.f1(1.7, 1.0)).isEqualTo(1.0);
		assertThat(SemanticF1.f1(-0.2, 0.0)).isEqualTo(0.0);
		assertThat(SemanticF1.f1(0.0, 1.0)).isEqualTo(0.0);
	}

	@Test
	void weightedMixesScoresByWeightAndBindsItsJudges() {
		Replies judge = new Replies(chat("reasoning", "r", "verdict", "0"));
		Metric weighted = new WeightedMetric(List.of(new WeightedMetric.Part(Metrics.EXACT_MATCH, 3),
				new WeightedMetric.Part(new LlmJudge("Right city.", 5, JUDGE), 1)))
			.bind(judge);
		assertThat(weighted.score(GOLD, predicted("Paris"), List.of("answer"))).isEqualTo(0.75);
		assertThat(judge.requests).hasSize(1);
		assertThat(weighted.defaultThreshold()).isNull();
		assertThatThrownBy(() -> new WeightedMetric.Part(Metrics.F1, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void exactMatchWithAliasesTakesTheBestGoldAnswerOfOneField() {
		Example gold = Example.of("question", "q", "answer", "NYC | New York City", "note", "x");
		Metric aliases = Metrics.exactMatchOn("answer", "|");
		assertThat(aliases.score(gold, predicted("new york city"), List.of("answer", "note"))).isEqualTo(1.0);
		assertThat(aliases.score(gold, predicted("Boston"), List.of("answer"))).isEqualTo(0.0);
		assertThat(Metrics.EXACT_MATCH.score(gold, predicted("NYC"), List.of("answer"))).isEqualTo(0.0);
		assertThat(aliases.defaultThreshold()).isEqualTo(1.0);
		assertThat(Metrics.F1.defaultThreshold()).isNull();
		assertThat(Metrics.CONTAINS.defaultThreshold()).isEqualTo(1.0);
	}

	@Test
	void anEvaluationCountsAnUnreadableVerdictAsAFailureNotASilentZero() {
		Program program = Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("question -> answer")));
		LanguageModel model = request -> request.role() == ModelRole.TASK
				? new Completion(chat("answer", "Paris"), 5, 1, false) : new Completion("unreadable", 5, 1, false);
		MeteredLanguageModel metered = new MeteredLanguageModel(model, Retrieval.NONE);
		Evaluator evaluator = new Evaluator(new ProgramRunner(metered, ModelSettings.of("task")),
				new LlmJudge("Right city.", 5, JUDGE), 2, ForkJoinPool.commonPool())
			.withRunner(new ProgramRunner(metered, ModelSettings.of("task")), metered);

		Evaluation evaluation = evaluator.evaluate(program, List.of(GOLD, GOLD), "test");

		assertThat(evaluation.parseFailures()).isEqualTo(2);
		assertThat(evaluation.results().get(0).prediction().failure()).contains("judge");
		assertThat(metered.usage().judgeModelCalls()).isEqualTo(4);
		assertThat(metered.usage().taskModelCalls()).isEqualTo(2);
	}

}
