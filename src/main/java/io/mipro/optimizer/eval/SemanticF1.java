package io.mipro.optimizer.eval;

import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;

/**
 * {@code semantic_f1}, as DSPy's {@code SemanticF1}: a judge model (thinking first) states the recall (how much of
 * the gold answer's key ideas the response covers) and the precision (how much of the response the gold answer
 * supports), each clamped to [0, 1]; the score is their harmonic mean, 0 when both are 0. Several output fields are
 * judged one by one and averaged.
 */
public final class SemanticF1 implements Metric {

	static final String SIGNATURE = "question, ground_truth, system_response -> reasoning, recall: float, "
			+ "precision: float";

	static final String INSTRUCTIONS = "Compare the system response with the ground truth for the question. Recall "
			+ "is the share of the ground truth's key ideas that the response also states; precision is the share of "
			+ "the response's key ideas that the ground truth supports. Give each as a number from 0 to 1.";

	private final ModelSettings judge;

	private final JudgeCall call;

	public SemanticF1(ModelSettings judge) {
		this(judge, null);
	}

	private SemanticF1(ModelSettings judge, LanguageModel model) {
		this.judge = judge;
		this.call = new JudgeCall(model, judge, Signature.parse(SIGNATURE, INSTRUCTIONS));
	}

	@Override
	public String name() {
		return "semantic_f1";
	}

	@Override
	public double score(Example gold, Prediction prediction, List<String> outputFields) {
		double sum = 0;
		String question = JudgeCall.inputs(gold, outputFields);
		for (String field : outputFields) {
			Map<String, String> inputs = new java.util.LinkedHashMap<>();
			inputs.put("question", question);
			inputs.put("ground_truth", gold.get(field) == null ? "" : gold.get(field));
			inputs.put("system_response", prediction.get(field) == null ? "" : prediction.get(field));
			Map<String, String> verdict = call.ask(inputs, "judge", v -> Double.isFinite(number(v, "recall"))
					&& Double.isFinite(number(v, "precision")) ? null : "recall and precision must be numbers");
			sum += f1(number(verdict, "precision"), number(verdict, "recall"));
		}
		return outputFields.isEmpty() ? 0 : sum / outputFields.size();
	}

	/** The harmonic mean of precision and recall, each clamped to [0, 1]; 0 when both are 0. */
	static double f1(double precision, double recall) {
		double p = Math.max(0, Math.min(1, precision));
		double r = Math.max(0, Math.min(1, recall));
		return p + r == 0 ? 0 : 2 * p * r / (p + r);
	}

	private static double number(Map<String, String> verdict, String field) {
		try {
			return Double.parseDouble(verdict.get(field).strip());
		}
		catch (NumberFormatException | NullPointerException ex) {
			return Double.NaN;
		}
	}

	@Override
	public Metric bind(LanguageModel model) {
		return new SemanticF1(judge, model);
	}

	@Override
	public String toString() {
		return "semantic_f1(" + judge.model() + ")";
	}

}
