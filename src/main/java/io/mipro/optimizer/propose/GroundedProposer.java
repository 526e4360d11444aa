package io.mipro.optimizer.propose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Retriever;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.program.Step;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;

/**
 * Proposes instructions grounded in the dataset summary, the program, bootstrapped demos and a random tip, with the
 * prompt model (reference: GroundedProposer with MIPROv2's settings).
 */
public final class GroundedProposer {

	/** Bootstrapped demos shown per proposal. */
	static final int DEMOS_IN_CONTEXT = 3;

	private final PromptCalls calls;

	private final boolean dataAware;

	private final boolean programAware;

	private final boolean fewshotAware;

	public GroundedProposer(LanguageModel model, ModelSettings promptModel, boolean dataAware, boolean programAware,
			boolean fewshotAware) {
		this.calls = new PromptCalls(model, promptModel);
		this.dataAware = dataAware;
		this.programAware = programAware;
		this.fewshotAware = fewshotAware;
	}

	/** What to propose: for which predictor, grounded on which demo set, with which tip, temperature and rollout. */
	public record Proposal(int predictor, int demoSet, Tip tip, double temperature, long rolloutId,
			String previousInstructions) {

	}

	/** Describes predictor {@code index}'s role once (two prompt-model calls when program-aware). */
	public ProgramContext describe(Program program, int index, List<DemoSet> demoSets, double temperature) {
		String code = programCode(program);
		String module = moduleDescriptor(program.predictor(index));
		if (!programAware) {
			return new ProgramContext(code, null, module, null);
		}
		String example = taskDemos(program, index, demoSets, demoSets.size() > 1 ? 1 : 0);
		Optional<String> programDescription = calls
			.call(ProposerPrompts.DESCRIBE_PROGRAM, Map.of("program_code", code, "program_example", example),
					temperature, null, "describe-program")
			.map(StripPrefix::apply);
		Optional<String> moduleDescription = calls.call(ProposerPrompts.DESCRIBE_MODULE,
				Map.of("program_code", code, "program_example", example, "program_description",
						programDescription.orElse(ProposerPrompts.NO_PROGRAM_DESCRIPTION), "module", module),
				temperature, null, "describe-module");
		return new ProgramContext(code, programDescription.orElse(null), module, moduleDescription.orElse(null));
	}

	/** One proposed instruction, or empty when the model's answer was unusable. */
	public Optional<String> propose(Program program, Proposal proposal, ProgramContext context, String datasetSummary,
			List<DemoSet> demoSets) {
		Predictor predictor = program.predictor(proposal.predictor());
		boolean withTip = proposal.tip() != Tip.NONE;
		boolean withSummary = dataAware && datasetSummary != null;
		boolean withHistory = proposal.previousInstructions() != null;
		Signature signature = ProposerPrompts.generateInstruction(withSummary, programAware, withHistory, withTip);
		Map<String, String> inputs = new LinkedHashMap<>();
		if (withSummary) {
			inputs.put("dataset_description", datasetSummary);
		}
		if (programAware) {
			inputs.put("program_code", context.programCode());
			inputs.put("program_description", context.programDescription() != null ? context.programDescription()
					: ProposerPrompts.NO_PROGRAM_DESCRIPTION);
			inputs.put("module", context.module());
			inputs.put("module_description",
					context.moduleDescription() != null ? context.moduleDescription() : ProposerPrompts.NOT_PROVIDED);
		}
		inputs.put("task_demos", fewshotAware && proposal.demoSet() != 0
				? taskDemos(program, proposal.predictor(), demoSets, proposal.demoSet()) : ProposerPrompts.NO_DEMOS);
		if (withHistory) {
			inputs.put("previous_instructions", proposal.previousInstructions());
		}
		inputs.put("basic_instruction", predictor.signature().instructions());
		if (withTip) {
			inputs.put("tip", proposal.tip().text());
		}
		return calls
			.call(signature, inputs, proposal.temperature(), proposal.rolloutId(), "propose-instruction")
			.map(StripPrefix::apply)
			.map(String::strip)
			.filter(text -> !text.isEmpty());
	}

	/**
	 * Up to three bootstrapped demos for a predictor, walking the demo sets from {@code start} to the last and then
	 * from the first; one line per field ({@code <prefix> <value>}), demos separated by blank lines.
	 */
	static String taskDemos(Program program, int predictorIndex, List<DemoSet> demoSets, int start) {
		Signature signature = program.predictor(predictorIndex).effectiveSignature();
		List<Demo> picked = new ArrayList<>();
		for (int step = 0; step < demoSets.size() && picked.size() < DEMOS_IN_CONTEXT; step++) {
			DemoSet set = demoSets.get((start + step) % demoSets.size());
			for (Demo demo : set.demosFor(predictorIndex)) {
				if (demo.augmented() && picked.size() < DEMOS_IN_CONTEXT) {
					picked.add(demo);
				}
			}
		}
		if (picked.isEmpty()) {
			return ProposerPrompts.NO_DEMOS;
		}
		List<String> rendered = new ArrayList<>();
		for (Demo demo : picked) {
			List<String> lines = new ArrayList<>();
			for (Field field : signature.fields()) {
				if (demo.has(field.name())) {
					lines.add(field.prefix() + " " + demo.get(field.name()));
				}
			}
			rendered.add(String.join("\n", lines));
		}
		return String.join("\n\n", rendered);
	}

	/**
	 * Pseudo-code of the whole program, as a DSPy module: its modules, then how data flows through them in
	 * {@code forward} (the reference shows the user's own source; we have the pipeline, which says the same).
	 */
	static String programCode(Program program) {
		StringBuilder code = new StringBuilder("class Program(dspy.Module):\n    def __init__(self):\n");
		for (Step step : program.steps()) {
			code.append("        self.").append(step.name()).append(" = ");
			if (step instanceof Predictor predictor) {
				code.append("dspy.")
					.append(predictor.kind().dspyName())
					.append("(\"")
					.append(predictor.signature().shortForm())
					.append("\")\n");
			}
			else {
				code.append("dspy.Retrieve(k=").append(((Retriever) step).k()).append(")\n");
			}
		}
		code.append("\n    def forward(self, ").append(String.join(", ", program.exampleInputs())).append("):\n");
		for (Step step : program.steps()) {
			if (step instanceof Retriever retriever) {
				code.append("        ").append(retriever.passages()).append(" = self.").append(step.name())
					.append('(').append(retriever.query()).append(").passages\n");
				continue;
			}
			List<String> arguments = step.inputNames().stream().map(name -> name + "=" + name).toList();
			String call = "self." + step.name() + "(" + String.join(", ", arguments) + ")";
			if (step.outputNames().size() == 1) {
				code.append("        ").append(step.outputNames().get(0)).append(" = ").append(call).append('.')
					.append(step.outputNames().get(0)).append('\n');
			}
			else {
				code.append("        result = ").append(call).append("\n        ")
					.append(String.join(", ", step.outputNames())).append(" = ")
					.append(String.join(", ", step.outputNames().stream().map(name -> "result." + name).toList()))
					.append('\n');
			}
		}
		List<String> outputs = program.outputNames().stream().map(name -> name + "=" + name).toList();
		code.append("        return dspy.Prediction(").append(String.join(", ", outputs)).append(')');
		return code.toString();
	}

	/**
	 * {@code Predict(question) -> reasoning, answer}: the predictor's class, its inputs and its outputs. A chain of
	 * thought is a {@code Predict} with the extended signature inside, so it reads the same way.
	 */
	static String moduleDescriptor(Predictor predictor) {
		Signature signature = predictor.effectiveSignature();
		return "Predict(" + String.join(", ", signature.inputs().stream().map(Field::name).toList())
				+ ") -> " + String.join(", ", signature.outputs().stream().map(Field::name).toList());
	}

}
