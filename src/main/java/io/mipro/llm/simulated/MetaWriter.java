package io.mipro.llm.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated prompt model: writes dataset observations from the examples shown in the prompt, short program and
 * module descriptions, and instructions composed from the basic instruction, the tip and the dataset summary. Its
 * choices depend only on the prompt text.
 */
final class MetaWriter {

	private static final Pattern EXAMPLE = Pattern.compile("Example\\(\\{(.*?)\\}\\) \\(input_keys=\\{(.*?)\\}\\)");

	private static final Pattern ENTRY = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)': '((?:[^'\\\\]|\\\\.)*)'");

	static final String SHORT_SPANS = "short spans copied from the context";

	private MetaWriter() {
	}

	/** Observations on a batch of examples: their fields and how long the label values are. */
	static String observe(String batch, boolean hasPrior) {
		Matcher examples = EXAMPLE.matcher(batch);
		List<String> labels = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		List<String> inputs = new ArrayList<>();
		int verbatim = 0;
		int total = 0;
		while (examples.find()) {
			List<String> inputKeys = new ArrayList<>();
			for (String key : examples.group(2).split(",")) {
				inputKeys.add(key.strip().replace("'", ""));
			}
			Matcher entries = ENTRY.matcher(examples.group(1));
			String longestInput = "";
			List<String> exampleLabels = new ArrayList<>();
			while (entries.find()) {
				String key = entries.group(1);
				String value = entries.group(2).replace("\\'", "'");
				if (!fields.contains(key)) {
					fields.add(key);
				}
				if (inputKeys.contains(key)) {
					if (!inputs.contains(key)) {
						inputs.add(key);
					}
					if (value.length() > longestInput.length()) {
						longestInput = value;
					}
				}
				else {
					exampleLabels.add(value);
				}
			}
			for (String label : exampleLabels) {
				total++;
				labels.add(label);
				if (!label.isBlank() && longestInput.contains(label)) {
					verbatim++;
				}
			}
		}
		if (total == 0) {
			return hasPrior ? "COMPLETE" : "The samples are free text.";
		}
		if (hasPrior) {
			return "COMPLETE";
		}
		double words = labels.stream().mapToInt(l -> Words.tokens(l).size()).average().orElse(0);
		StringBuilder text = new StringBuilder();
		text.append("Each sample has the fields ").append(String.join(", ", fields)).append("; the inputs are ")
			.append(String.join(", ", inputs)).append(". ");
		text.append(String.format(Locale.ROOT, "The expected outputs are about %.1f words long", words));
		if (words <= 5 && verbatim * 2 > total) {
			text.append(" and are ").append(SHORT_SPANS).append('.');
		}
		else {
			text.append('.');
		}
		return text.toString();
	}

	/** The first two sentences of the observations. */
	static String summarize(String observations) {
		List<String> sentences = Words.sentences(observations);
		return String.join(" ", sentences.subList(0, Math.min(2, sentences.size())));
	}

	static String describeProgram(String code) {
		Matcher signature = Pattern.compile("\"([^\"]*->[^\"]*)\"").matcher(code);
		String form = signature.find() ? signature.group(1) : "its inputs -> its outputs";
		return "The program maps " + form.replace("->", "to") + " with a language-model call per module.";
	}

	/** The module's role: the program's final answer when the program returns its outputs, else a step towards it. */
	static String describeModule(String module, String programCode) {
		List<String> outputs = outputsOf(module);
		int returns = programCode.lastIndexOf("return dspy.Prediction(");
		boolean last = returns < 0 || outputs.stream().anyMatch(o -> programCode.indexOf(o + "=", returns) >= 0);
		return "This module, " + module + ", " + (last ? "produces the program's final answer from its inputs."
				: "produces " + String.join(", ", outputs) + ", which later modules of the program read.");
	}

	/** The declared outputs of a module descriptor such as {@code Predict(context, question) -> reasoning, answer}. */
	static List<String> outputsOf(String module) {
		int arrow = module.indexOf("->");
		List<String> outputs = new ArrayList<>();
		if (arrow >= 0) {
			for (String name : module.substring(arrow + 2).split(",")) {
				if (!name.isBlank() && !name.strip().equals("reasoning")) {
					outputs.add(name.strip());
				}
			}
		}
		return outputs;
	}

	/**
	 * A new instruction for the module the prompt names, written for what its output is (an answer, supporting text
	 * or a search query), adapted to the tip; answers also follow the dataset summary's hint about the answer form.
	 * Previous instructions (later rounds) are refined rather than replaced.
	 */
	static String propose(Map<String, String> inputs) {
		List<String> outputs = outputsOf(inputs.getOrDefault("module", ""));
		OutputRole role = outputs.isEmpty() ? OutputRole.ANSWER : OutputRole.of(outputs.get(outputs.size() - 1));
		String tip = inputs.getOrDefault("tip", "").toLowerCase(Locale.ROOT);
		String history = inputs.get("previous_instructions");
		String bestSoFar = history == null || history.isBlank() ? null : bestPrevious(history);
		String basic = inputs.getOrDefault("basic_instruction", "").strip();
		return switch (role) {
			case EVIDENCE -> bestSoFar != null ? refine(bestSoFar, "word for word", " Quote it word for word.")
					: evidenceInstruction(tip, basic);
			case QUERY -> bestSoFar != null ? refine(bestSoFar, "key terms", " Use only the key terms.")
					: queryInstruction(tip, basic);
			case ANSWER -> bestSoFar != null
					? refine(bestSoFar, "exactly", " Copy the words exactly as they appear in the context.")
					: answerInstruction(inputs, tip);
		};
	}

	private static String refine(String best, String marker, String addition) {
		return best.contains(marker) ? best + " Do not add any other words." : best + addition;
	}

	private static String evidenceInstruction(String tip, String basic) {
		if (tip.contains("persona")) {
			return "You are a careful research assistant. Find the sentence of the context that answers the question "
					+ "and quote it word for word.";
		}
		if (tip.contains("simple")) {
			return "Copy the one sentence that answers the question.";
		}
		if (tip.contains("informative") || tip.contains("describe")) {
			return "Read the context and the question carefully, then give the sentence of the context that contains "
					+ "the answer, exactly as written.";
		}
		if (tip.contains("high-stakes") || tip.contains("high stakes")) {
			return "Getting this right matters a great deal. " + basic;
		}
		if (tip.contains("inventive") || tip.contains("creative")) {
			return "Explain in your own words what the context says about the question.";
		}
		return "Point to the part of the context that supports the answer to the question.";
	}

	private static String queryInstruction(String tip, String basic) {
		if (tip.contains("simple") || tip.contains("persona")) {
			return (tip.contains("persona") ? "You are an expert librarian. " : "")
					+ "Rewrite the question as a few search keywords.";
		}
		if (tip.contains("informative") || tip.contains("describe")) {
			return "Write a search query made of the key terms of the question: the names, places and things it asks "
					+ "about.";
		}
		if (tip.contains("inventive") || tip.contains("creative")) {
			return "Write a detailed search request describing everything that might help answer the question.";
		}
		return basic.isEmpty() ? "Write a search query for the question." : basic;
	}

	private static String answerInstruction(Map<String, String> inputs, String tip) {
		String basic = inputs.getOrDefault("basic_instruction", "Complete the task.").strip();
		String summary = inputs.getOrDefault("dataset_description", "").toLowerCase(Locale.ROOT);
		boolean shortAnswers = summary.contains(SHORT_SPANS);
		String hint = shortAnswers ? "Answer with a short span copied exactly from the context." : "";
		if (tip.contains("persona")) {
			return "You are a careful reader of reference texts. " + basic + (hint.isEmpty() ? "" : " " + hint);
		}
		if (tip.contains("short") || tip.contains("simple")) {
			return basic + " Keep the answer short.";
		}
		if (tip.contains("informative") || tip.contains("describe")) {
			return "Read the context and the question carefully. " + basic + (hint.isEmpty() ? "" : " " + hint);
		}
		if (tip.contains("high-stakes") || tip.contains("high stakes")) {
			return "Getting this right matters a great deal. " + basic;
		}
		if (tip.contains("inventive") || tip.contains("creative")) {
			return "Think about what the question is really asking, then answer in a full sentence that explains "
					+ "where the answer comes from.";
		}
		return hint.isEmpty() ? "Answer the question using the information given." : basic + " " + hint;
	}

	/** The last instruction of the history: the history lists the best instruction last. */
	private static String bestPrevious(String history) {
		String best = null;
		for (String line : history.split("\n")) {
			if (line.startsWith("Instruction: ")) {
				best = line.substring("Instruction: ".length()).strip();
			}
		}
		return best;
	}

}
