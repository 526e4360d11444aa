package io.mipro.optimizer.propose;

import java.util.ArrayList;
import java.util.List;

import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Signature;

/**
 * The signatures of the proposer's meta-prompts: the dataset descriptor, the descriptor with prior observations, the
 * observation summarizer, the program and module describers, and the instruction generator. Same inputs and
 * outputs as the reference's; the wording is ours.
 */
final class ProposerPrompts {

	static final String NO_DEMOS = "No task demos provided.";

	static final String NO_PROGRAM_DESCRIPTION = "Not available";

	static final String NOT_PROVIDED = "Not provided";

	private ProposerPrompts() {
	}

	private static Field field(String name, String description) {
		return Field.of(name).withDescription(description);
	}

	static final Signature DESCRIBE_DATASET = new Signature(
			List.of(field("examples", "Sample data points from the dataset")),
			List.of(field("observations", "Things you notice about the dataset")),
			"Look at the sample data points and write down what you observe about them: the topics they cover, "
					+ "their content and syntax, how long or concise they are, and which task they most likely serve. "
					+ "Describe trends that hold for most of the samples, and be specific.");

	static final Signature DESCRIBE_DATASET_FURTHER = new Signature(
			List.of(field("examples", "Sample data points from the dataset"),
					field("prior_observations", "Observations already made about the dataset")),
			List.of(field("observations",
					"New observations about the dataset, or COMPLETE if there is nothing to add")),
			"Here are more sample data points and the observations made so far. Add any new observation that holds "
					+ "for most samples (topics, content, syntax, conciseness, likely task). If the observations "
					+ "already cover everything, answer COMPLETE.");

	static final Signature SUMMARIZE_OBSERVATIONS = new Signature(
			List.of(field("observations", "Observations about a dataset")),
			List.of(field("summary", "Two or three sentences with the most important points")),
			"Condense the observations about a dataset into a short summary of two or three sentences that keeps "
					+ "only the points that matter most for the task.");

	static final Signature DESCRIBE_PROGRAM = new Signature(
			List.of(field("program_code", "Pseudo-code of a language-model program"),
					field("program_example", "An example of the program's inputs and outputs")),
			List.of(field("program_description", "What task the program solves, and how")),
			"Read the pseudo-code of a language-model program and an example of it running. Describe what task the "
					+ "program solves and how it goes about solving it.");

	static final Signature DESCRIBE_MODULE = new Signature(
			List.of(field("program_code", "Pseudo-code of a language-model program"),
					field("program_example", "An example of the program's inputs and outputs"),
					field("program_description", "What the program does"),
					field("module", "The module of the program to describe")),
			List.of(field("module_description", "The role of this module in the program")),
			"Given a language-model program, an example of it running, its description and one of its modules, "
					+ "describe the role this module plays in the program.");

	/** The instruction generator's signature with only the inputs enabled for this call, in the reference's order. */
	static Signature generateInstruction(boolean dataAware, boolean programAware, boolean history, boolean tip) {
		List<Field> inputs = new ArrayList<>();
		if (dataAware) {
			inputs.add(field("dataset_description", "A description of the dataset the task uses"));
		}
		if (programAware) {
			inputs.add(field("program_code", "Pseudo-code of the language-model program that solves the task"));
			inputs.add(field("program_description", "A summary of the task the program solves and how"));
			inputs.add(field("module", "The module to write an instruction for"));
			inputs.add(field("module_description", "The role of that module in the program"));
		}
		inputs.add(field("task_demos", "Example inputs and outputs of the module"));
		if (history) {
			inputs.add(field("previous_instructions", "Instructions tried before, with the scores they earned"));
		}
		inputs.add(field("basic_instruction", "The instruction the module starts from"));
		if (tip) {
			inputs.add(field("tip", "A suggestion for how to write the new instruction"));
		}
		return new Signature(inputs,
				List.of(field("proposed_instruction", "An instruction that will be used to prompt a language model "
						+ "for this task")),
				"Use the information below to learn about a task that a language model is asked to perform, then "
						+ "write a new instruction that will help the model perform the task better.");
	}

}
