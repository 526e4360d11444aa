package io.mipro.optimizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;

/**
 * A deterministic in-memory model for a synthetic task, "reverse the word": it answers correctly with a probability
 * that grows with the prompt's quality, so some instructions and demo sets are better than others and the optimizer
 * has something to find. Quality: 0.3, plus 0.35 when the instructions ask for the "exact" answer, plus 0.25 when
 * the prompt shows at least two demos. Whether a given question is answered correctly is a fixed hash of the question
 * compared with the quality, so better prompts answer a superset of the questions. It reads only the prompt.
 */
public final class ScriptedModel implements LanguageModel {

	private static final Pattern FIELD = Pattern.compile("\\[\\[ ## (\\w+) ## \\]\\]\\n(.*?)(?=\\n\\n\\[\\[ ## |\\n\\nRespond|$)",
			Pattern.DOTALL);

	private final AtomicInteger calls = new AtomicInteger();

	private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

	public static List<io.mipro.optimizer.program.Example> examples(int count, int offset) {
		List<io.mipro.optimizer.program.Example> examples = new ArrayList<>();
		String[] stems = { "amber", "basil", "cedar", "delta", "ember", "fable", "gamma", "heron", "ivory", "jolly",
				"karma", "lemon", "maple", "noble", "ocean", "pearl", "quill", "raven", "sable", "tango" };
		for (int i = offset; i < offset + count; i++) {
			String word = stems[i % stems.length] + (i / stems.length);
			examples.add(io.mipro.optimizer.program.Example.of("question", "Reverse the word: " + word, "answer",
					new StringBuilder(word).reverse().toString()));
		}
		return examples;
	}

	public int calls() {
		return calls.get();
	}

	public List<ChatRequest> requests() {
		return requests;
	}

	@Override
	public Completion complete(ChatRequest request) {
		calls.incrementAndGet();
		requests.add(request);
		String system = request.messages().get(0).content();
		String user = request.messages().get(request.messages().size() - 1).content();
		String output = system.substring(system.indexOf("Your output fields are:"));
		if (output.contains("`observations`")) {
			return answer("observations", "The questions ask to reverse short words that end in a digit.");
		}
		if (output.contains("`summary`")) {
			return answer("summary", "Word-reversal questions; answers are single reversed words.");
		}
		if (output.contains("`program_description`")) {
			return answer("program_description", "The program reverses words.");
		}
		if (output.contains("`module_description`")) {
			return answer("module_description", "The module produces the reversed word.");
		}
		if (output.contains("`proposed_instruction`")) {
			String tip = field(user, "tip");
			String instruction = tip == null ? "Reverse the word in the question."
					: tip.contains("short") ? "Give the exact reversed word and nothing else."
							: tip.contains("persona") ? "You are a speller. Reverse the word."
									: tip.contains("informative") ? "State the exact reversal of the given word."
											: "Proposed Instruction: Reverse the letters of the word (round "
													+ request.temperature() + ").";
			return answer("proposed_instruction", instruction);
		}
		String question = field(user, "question");
		String instructions = system.substring(system.indexOf("your objective is:")).toLowerCase(Locale.ROOT);
		long demos = request.messages().stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT).count();
		double quality = 0.3 + (instructions.contains("exact") ? 0.35 : 0) + (demos >= 2 ? 0.25 : 0);
		String word = question.substring(question.indexOf(':') + 1).strip();
		boolean correct = unit(question) < quality;
		String answer = correct ? new StringBuilder(word).reverse().toString() : "I am not sure";
		if (output.contains("`reasoning`")) {
			return Completion.of("[[ ## reasoning ## ]]\nReversing " + word + ".\n\n[[ ## answer ## ]]\n" + answer
					+ "\n\n[[ ## completed ## ]]");
		}
		return answer("answer", answer);
	}

	/** A completion in the ChatAdapter format with one field. */
	public static Completion answer(String field, String value) {
		return new Completion("[[ ## " + field + " ## ]]\n" + value + "\n\n[[ ## completed ## ]]", 10, 5, false);
	}

	/** A {@code [[ ## name ## ]]} section's value in a message, or null. */
	public static String field(String message, String name) {
		Matcher matcher = FIELD.matcher(message);
		while (matcher.find()) {
			if (matcher.group(1).equals(name)) {
				return matcher.group(2).strip();
			}
		}
		return null;
	}

	/** A fixed pseudo-uniform number in [0, 1) for a text. */
	static double unit(String text) {
		return (hash(text) >>> 11) / (double) (1L << 53);
	}

	/** A fixed, well-mixed 64-bit hash of a text. */
	public static long hash(String text) {
		long hash = 1125899906842597L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash = 31 * hash + b;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		return hash;
	}

}
