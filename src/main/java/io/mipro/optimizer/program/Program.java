package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline of steps run in order: predictors (the prompts the optimizer tunes) and retrievers. Each step reads its
 * inputs from the example or from an earlier step's outputs; the last step is a predictor whose outputs the metric
 * scores. The search space has one instruction index and one demo-set index per predictor, so "predictor {@code i}"
 * means the i-th predictor, retrievers not counted.
 * <p>
 * A <em>bare</em> program is a single DSPy module ({@code dspy.Predict(...)} or {@code dspy.ChainOfThought(...)}),
 * the form a job takes when it gives one signature; otherwise the program stands for a {@code dspy.Module} whose
 * attributes are the steps' names. The two are saved differently (see {@link #path}).
 */
public record Program(List<Step> steps, boolean bare) {

	/** More modules than this make a search space no preset can cover. */
	public static final int MAX_STEPS = 10;

	public Program {
		steps = List.copyOf(steps);
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("a program needs at least one module");
		}
		if (steps.size() > MAX_STEPS) {
			throw new IllegalArgumentException("a program has at most " + MAX_STEPS + " modules; got " + steps.size());
		}
		if (!(steps.get(steps.size() - 1) instanceof Predictor)) {
			throw new IllegalArgumentException("the last module, `" + steps.get(steps.size() - 1).name()
					+ "`, must be a predictor: its outputs are what the metric scores");
		}
		if (bare && steps.size() != 1) {
			throw new IllegalArgumentException("a bare program is a single predictor");
		}
		Set<String> names = new HashSet<>();
		Map<String, String> producer = new HashMap<>();
		for (Step step : steps) {
			if (!names.add(step.name())) {
				throw new IllegalArgumentException("two modules are named `" + step.name() + "`");
			}
			for (String output : step.outputNames()) {
				String earlier = producer.putIfAbsent(output, step.name());
				if (earlier != null) {
					throw new IllegalArgumentException("module `" + step.name() + "` produces `" + output
							+ "`, which module `" + earlier + "` already produces");
				}
			}
		}
		for (Step step : steps) {
			if (!bare && step instanceof Predictor p && p.kind() == ModuleKind.CHAIN_OF_THOUGHT
					&& p.inputNames().contains(ModuleKind.REASONING)) {
				throw new IllegalArgumentException("module `" + step.name() + "` reads `reasoning`, which a chain of "
						+ "thought keeps to itself; name the field it should read differently");
			}
		}
	}

	/** A bare single-module program. */
	public static Program of(Predictor predictor) {
		return new Program(List.of(predictor), true);
	}

	/** A pipeline of named modules (a {@code dspy.Module}). */
	public static Program pipeline(List<? extends Step> steps) {
		return new Program(new ArrayList<>(steps), false);
	}

	/** The predictors, in order. */
	public List<Predictor> predictors() {
		List<Predictor> predictors = new ArrayList<>();
		for (Step step : steps) {
			if (step instanceof Predictor predictor) {
				predictors.add(predictor);
			}
		}
		return predictors;
	}

	/** The retrieve steps, in order. */
	public List<Retriever> retrievers() {
		List<Retriever> retrievers = new ArrayList<>();
		for (Step step : steps) {
			if (step instanceof Retriever retriever) {
				retrievers.add(retriever);
			}
		}
		return retrievers;
	}

	/** The number of predictors: P in the reference's formulas. */
	public int size() {
		return predictors().size();
	}

	public Predictor predictor(int index) {
		return predictors().get(index);
	}

	/** The position of predictor {@code index} among all steps. */
	private int stepOf(int index) {
		int seen = -1;
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i) instanceof Predictor && ++seen == index) {
				return i;
			}
		}
		throw new IndexOutOfBoundsException("no predictor " + index);
	}

	/** A copy with predictor {@code index} replaced. */
	public Program with(int index, Predictor predictor) {
		List<Step> copy = new ArrayList<>(steps);
		copy.set(stepOf(index), predictor);
		return new Program(copy, bare);
	}

	/** The program's final outputs: the declared outputs of its last predictor. */
	public List<Field> outputs() {
		return ((Predictor) steps.get(steps.size() - 1)).signature().outputs();
	}

	public List<String> outputNames() {
		return outputs().stream().map(Field::name).toList();
	}

	/**
	 * Fields the program reads from an example (inputs no earlier step produces), each with the first module that
	 * reads it, in order of first use.
	 */
	public Map<String, String> exampleInputReaders() {
		Set<String> produced = new HashSet<>();
		Map<String, String> needed = new LinkedHashMap<>();
		for (Step step : steps) {
			for (String input : step.inputNames()) {
				if (!produced.contains(input)) {
					needed.putIfAbsent(input, step.name());
				}
			}
			produced.addAll(step.outputNames());
		}
		return needed;
	}

	/** Fields the program reads from an example. */
	public List<String> exampleInputs() {
		return new ArrayList<>(exampleInputReaders().keySet());
	}

	/** Fields every example must have: what the program reads, then what the metric compares. */
	public List<String> requiredFields() {
		List<String> fields = new ArrayList<>(exampleInputs());
		for (String output : outputNames()) {
			if (!fields.contains(output)) {
				fields.add(output);
			}
		}
		return fields;
	}

	/**
	 * Where DSPy's {@code named_predictors()} puts predictor {@code index}, which is its key in a saved program: for a
	 * bare program {@code self} (a Predict, saved flat) or {@code predict} (a ChainOfThought); otherwise the module's
	 * name, with {@code .predict} for a ChainOfThought (it holds a Predict named so).
	 */
	public String path(int index) {
		Predictor predictor = predictor(index);
		if (bare) {
			return predictor.kind() == ModuleKind.CHAIN_OF_THOUGHT ? "predict" : "self";
		}
		return predictor.kind() == ModuleKind.CHAIN_OF_THOUGHT ? predictor.name() + ".predict" : predictor.name();
	}

}
