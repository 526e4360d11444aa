package io.mipro.optimizer.propose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A predictor's instruction candidates. Duplicates are kept out (the reference keeps them, wasting categorical
 * slots): two instructions are the same when they differ only in case and whitespace.
 */
public final class InstructionPool {

	private InstructionPool() {
	}

	public static boolean contains(List<InstructionCandidate> pool, String text) {
		String key = key(text);
		return pool.stream().anyMatch(candidate -> key(candidate.text()).equals(key));
	}

	public static List<InstructionCandidate> plus(List<InstructionCandidate> pool, InstructionCandidate candidate) {
		List<InstructionCandidate> grown = new ArrayList<>(pool);
		grown.add(candidate);
		return grown;
	}

	private static String key(String text) {
		return String.join(" ", text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
	}

}
