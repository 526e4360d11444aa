package io.mipro.optimizer.program;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A named model call of a program: its module kind, its signature (whose instructions the optimizer rewrites) and
 * its demos. The name is the module's attribute name in the program ({@code self} or {@code predict} for a bare
 * module, as DSPy's {@code named_predictors()} calls them).
 */
public record Predictor(String name, ModuleKind kind, Signature signature, List<Demo> demos) implements Step {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	public Predictor {
		demos = List.copyOf(demos);
		if (name == null || !IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("module name `" + name + "` is not an identifier");
		}
	}

	/** A bare DSPy module: named as DSPy names it when it is the whole program. */
	public static Predictor single(ModuleKind kind, Signature signature) {
		return new Predictor(kind == ModuleKind.CHAIN_OF_THOUGHT ? "predict" : "self", kind, signature, List.of());
	}

	/** A named module of a pipeline. */
	public static Predictor named(String name, ModuleKind kind, Signature signature) {
		return new Predictor(name, kind, signature, List.of());
	}

	/** The signature the model sees (with {@code reasoning} for chain of thought). */
	public Signature effectiveSignature() {
		return kind.extend(signature);
	}

	@Override
	public List<String> inputNames() {
		return signature.inputs().stream().map(Field::name).toList();
	}

	/** The declared outputs; a chain of thought's {@code reasoning} is not handed on. */
	@Override
	public List<String> outputNames() {
		return signature.outputs().stream().map(Field::name).toList();
	}

	public Predictor withInstructions(String instructions) {
		return new Predictor(name, kind, signature.withInstructions(instructions), demos);
	}

	public Predictor withDemos(List<Demo> newDemos) {
		return new Predictor(name, kind, signature, newDemos);
	}

}
