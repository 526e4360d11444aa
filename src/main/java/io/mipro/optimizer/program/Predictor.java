package io.mipro.optimizer.program;

import java.util.List;

/**
 * A named model call of a program: its module kind, its signature (whose instructions the optimizer rewrites) and
 * its demos. The name is the predictor's path in DSPy's saved-program JSON ({@code self} for a bare Predict,
 * {@code predict} for a bare ChainOfThought).
 */
public record Predictor(String name, ModuleKind kind, Signature signature, List<Demo> demos) {

	public Predictor {
		demos = List.copyOf(demos);
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a predictor needs a name");
		}
	}

	/** A bare DSPy module: named as DSPy names it when it is the whole program. */
	public static Predictor single(ModuleKind kind, Signature signature) {
		return new Predictor(kind == ModuleKind.CHAIN_OF_THOUGHT ? "predict" : "self", kind, signature, List.of());
	}

	/** The signature the model sees (with {@code reasoning} for chain of thought). */
	public Signature effectiveSignature() {
		return kind.extend(signature);
	}

	public Predictor withInstructions(String instructions) {
		return new Predictor(name, kind, signature.withInstructions(instructions), demos);
	}

	public Predictor withDemos(List<Demo> newDemos) {
		return new Predictor(name, kind, signature, newDemos);
	}

}
