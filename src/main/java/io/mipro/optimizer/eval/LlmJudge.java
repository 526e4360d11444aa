package io.mipro.optimizer.eval;

import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;

/**
 * {@code llm_judge}: a judge model grades each prediction against a rubric, seeing the example's inputs, its gold
 * outputs and the prediction, with an integer verdict from 0 to {@code scale}; the score is {@code verdict / scale}.
 * A scale of 1 is a pass/fail judge, which is binary (a bootstrapped demo must pass); larger scales are graded.
 */
public final class LlmJudge implements Metric {

	static final String SIGNATURE = "rubric, inputs, gold, prediction, scale -> reasoning, verdict: int";

	private final String rubric;

	private final int scale;

	private final ModelSettings judge;

	private final JudgeCall call;

	public LlmJudge(String rubric, int scale, ModelSettings judge) {
		this(rubric, scale, judge, null);
	}

	private LlmJudge(String rubric, int scale, ModelSettings judge, LanguageModel model) {
		if (rubric == null || rubric.isBlank()) {
			throw new IllegalArgumentException("`rubric` is required: what a good answer is");
		}
		if (scale < 1 || scale > 100) {
			throw new IllegalArgumentException("`scale` must be between 1 and 100; got " + scale);
		}
		this.rubric = rubric.strip();
		this.scale = scale;
		this.judge = judge;
		this.call = new JudgeCall(model, judge, Signature.parse(SIGNATURE, instructions(scale)));
	}

	static String instructions(int scale) {
		return "Grade the prediction by the rubric. The gold outputs show what a correct answer looks like; the "
				+ "prediction need not repeat their wording. Think it through, then give the verdict as a whole number "
				+ "from 0 (fails the rubric) to " + scale + " (fully meets it).";
	}

	@Override
	public String name() {
		return "llm_judge";
	}

	@Override
	public double score(Example gold, Prediction prediction, List<String> outputFields) {
		Map<String, String> inputs = new java.util.LinkedHashMap<>();
		inputs.put("rubric", rubric);
		inputs.put("inputs", JudgeCall.inputs(gold, outputFields));
		inputs.put("gold", JudgeCall.fields(gold.values(), outputFields));
		inputs.put("prediction", JudgeCall.fields(JudgeCall.predicted(prediction, outputFields), outputFields));
		inputs.put("scale", Integer.toString(scale));
		Map<String, String> verdict = call.ask(inputs, "judge", v -> {
			Integer value = verdict(v);
			if (value == null) {
				return "verdict `" + v.get("verdict") + "` is not a number";
			}
			return value < 0 || value > scale ? "verdict " + value + " is outside 0.." + scale : null;
		});
		return (double) verdict(verdict) / scale;
	}

	/** The verdict as a whole number, or null when it is not a number. */
	private static Integer verdict(Map<String, String> verdict) {
		try {
			double value = Double.parseDouble(String.valueOf(verdict.get("verdict")).strip());
			return Double.isFinite(value) ? (int) Math.round(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public Double defaultThreshold() {
		return scale == 1 ? 1.0 : null;
	}

	@Override
	public Metric bind(LanguageModel model) {
		return new LlmJudge(rubric, scale, judge, model);
	}

	@Override
	public String toString() {
		return "llm_judge(" + judge.model() + ", scale " + scale + ")";
	}

}
