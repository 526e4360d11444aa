package io.mipro.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.mipro.optimizer.ScriptedModel;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;

/**
 * A scripted model with a hidden reward surface, for measuring how often a search strategy finds the best program
 * (issue 12). It reads only the prompt and the request.
 * <ul>
 * <li>Each instruction proposal is a fresh draw (from the request's rollout id) among eight instruction styles, three
 * of which are good, as sampling a real prompt model is.</li>
 * <li>A task answer is right with probability 0.25, plus 0.40 when the instruction is of a good style, plus 0.25 when
 * the prompt shows at least two demos of a "good" demo set (two in three sets are, by a hash of their
 * answers), so the optimum needs both a good instruction and a good demo set: 0.90.</li>
 * <li>Whether one example is answered right is a hash of the question and the whole prompt's instruction and demos,
 * so every program has its own per-example noise, as real minibatch scores do.</li>
 * </ul>
 */
public final class RewardSurfaceModel implements LanguageModel {

	static final List<String> STYLES = List.of("Reverse the word.", "Spell the word backwards, letter by letter.",
			"Answer the question.", "Think about the word, then give your best answer.",
			"Write the letters of the word in reverse order, exactly.", "Be helpful and answer.",
			"Output the exact reversal of the given word and nothing else.", "Respond with a word.");

	/** The good styles: 1, 4 and 6. */
	static boolean good(String instruction) {
		return instruction.startsWith(STYLES.get(1)) || instruction.startsWith(STYLES.get(4))
				|| instruction.startsWith(STYLES.get(6));
	}

	final AtomicLong promptCalls = new AtomicLong();

	final AtomicLong taskCalls = new AtomicLong();

	@Override
	public Completion complete(ChatRequest request) {
		String system = request.messages().get(0).content();
		String output = system.substring(system.indexOf("Your output fields are:"));
		if (output.contains("`proposed_instruction`")) {
			promptCalls.incrementAndGet();
			long draw = unitLong(String.valueOf(request.rolloutId()));
			String style = STYLES.get((int) Math.floorMod(draw, STYLES.size()));
			return answer("proposed_instruction", style + " (variant " + Math.floorMod(draw / 8, 1000) + ")");
		}
		for (String meta : List.of("observations", "summary", "program_description", "module_description")) {
			if (output.contains("`" + meta + "`")) {
				promptCalls.incrementAndGet();
				return answer(meta, "Questions ask to reverse a word; answers are single words.");
			}
		}
		taskCalls.incrementAndGet();
		String user = request.messages().get(request.messages().size() - 1).content();
		String question = field(user, "question");
		String instructions = system.substring(system.indexOf("your objective is:") + 18).strip();
		StringBuilder demos = new StringBuilder();
		int demoCount = 0;
		for (ChatMessage message : request.messages()) {
			if (message.role() == ChatMessage.Role.ASSISTANT) {
				demoCount++;
				demos.append(field(message.content(), "answer")).append('|');
			}
		}
		boolean goodDemos = demoCount >= 2 && Math.floorMod(unitLong(demos.toString()), 3) != 0;
		double quality = 0.25 + (good(instructions) ? 0.40 : 0) + (goodDemos ? 0.25 : 0);
		String word = question.substring(question.indexOf(':') + 1).strip();
		boolean right = unit(question + "\u0000" + instructions + "\u0000" + demos) < quality;
		return answer("answer", right ? new StringBuilder(word).reverse().toString() : "no idea");
	}

	/** Whether a program of this instruction and these demo answers sits at the surface's optimum. */
	static boolean optimal(String instruction, List<String> demoAnswers) {
		StringBuilder demos = new StringBuilder();
		demoAnswers.forEach(answer -> demos.append(answer).append('|'));
		return good(instruction) && demoAnswers.size() >= 2 && Math.floorMod(unitLong(demos.toString()), 3) != 0;
	}

	private static Completion answer(String field, String value) {
		return ScriptedModel.answer(field, value);
	}

	private static String field(String message, String name) {
		String value = ScriptedModel.field(message, name);
		return value == null ? "" : value;
	}

	/** One more mixing round over {@link ScriptedModel#hash}, so low bits vary as much as high ones. */
	static long unitLong(String text) {
		long hash = ScriptedModel.hash(text);
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash;
	}

	static double unit(String text) {
		return (unitLong(text) >>> 11) / (double) (1L << 53);
	}

}
