package io.mipro.optimizer.program;

/** How a predictor calls the model. */
public enum ModuleKind {

	/** One call: inputs in, declared outputs out. */
	PREDICT("Predict"),
	/** Like {@link #PREDICT}, with a {@code reasoning} output produced before the declared outputs. */
	CHAIN_OF_THOUGHT("ChainOfThought");

	public static final String REASONING = "reasoning";

	private final String dspyName;

	ModuleKind(String dspyName) {
		this.dspyName = dspyName;
	}

	public String dspyName() {
		return dspyName;
	}

	/** The signature the model actually sees. */
	public Signature extend(Signature signature) {
		return this == CHAIN_OF_THOUGHT ? signature.prependOutput(Field.of(REASONING)) : signature;
	}

	/** Parses {@code predict} / {@code chain_of_thought} (also DSPy's class names). */
	public static ModuleKind parse(String text) {
		if (text == null) {
			return PREDICT;
		}
		return switch (text.strip().toLowerCase(java.util.Locale.ROOT).replace("-", "_")) {
			case "predict" -> PREDICT;
			case "chain_of_thought", "chainofthought", "cot" -> CHAIN_OF_THOUGHT;
			default -> throw new IllegalArgumentException(
					"unknown module `" + text + "`; use predict or chain_of_thought");
		};
	}

}
