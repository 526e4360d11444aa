package io.mipro.optimizer.propose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialScores;

/**
 * The "previous instructions" a later proposal round is grounded in: a predictor's five best instructions so far by
 * the mean score of the trials that used them, each with its score, best last (the reference's instruction-history
 * format, which MIPROv2 itself never turns on).
 */
public final class InstructionHistory {

	static final int SHOWN = 5;

	private InstructionHistory() {
	}

	public static String render(List<InstructionCandidate> pool, List<Trial> trials, int predictor) {
		Map<Integer, TrialScores.Mean> means = TrialScores.byParam(trials, SearchSpace.instructionParam(predictor),
				trial -> true);
		List<InstructionCandidate> scored = new ArrayList<>(pool);
		scored.removeIf(candidate -> !means.containsKey(candidate.index()));
		scored.sort(Comparator.comparingDouble((InstructionCandidate c) -> -means.get(c.index()).value()));
		List<InstructionCandidate> top = new ArrayList<>(scored.subList(0, Math.min(SHOWN, scored.size())));
		java.util.Collections.reverse(top);
		StringBuilder text = new StringBuilder();
		for (InstructionCandidate candidate : top) {
			text.append("Instruction: ").append(candidate.text()).append('\n');
			text.append("Score: ")
				.append(String.format(Locale.ROOT, "%.2f", means.get(candidate.index()).value()))
				.append("\n\n");
		}
		return text.toString().strip();
	}

}
