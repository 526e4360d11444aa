package io.mipro.optimizer.eval;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The reference's answer normalization, step by step: Unicode NFD, lower case, ASCII punctuation removed, the words
 * "a", "an", "the" replaced by a space, whitespace collapsed. Word boundaries and whitespace follow Python's
 * definitions (letters, digits and underscore are word characters; combining marks are not).
 */
public final class TextNormalizer {

	private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

	private static final Pattern ARTICLES = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:a|an|the)(?![\\p{L}\\p{N}_])");

	private static final Pattern WHITESPACE = Pattern.compile("[\\p{IsWhite_Space}\\x1c-\\x1f]+");

	private TextNormalizer() {
	}

	public static String normalize(String text) {
		String s = Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
		StringBuilder kept = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (PUNCTUATION.indexOf(c) < 0) {
				kept.append(c);
			}
		}
		s = ARTICLES.matcher(kept).replaceAll(" ");
		return String.join(" ", tokens(s));
	}

	/** Whitespace-separated tokens, as Python's {@code str.split()} gives them. */
	static List<String> tokens(String text) {
		return Arrays.stream(WHITESPACE.split(text)).filter(t -> !t.isEmpty()).toList();
	}

}
