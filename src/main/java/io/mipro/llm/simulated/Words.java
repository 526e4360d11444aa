package io.mipro.llm.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokenizing helpers of the simulated reader. */
final class Words {

	static final Set<String> STOPWORDS = Set.of("a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with",
			"and", "or", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "as",
			"from", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "do", "did", "has",
			"have", "had", "there", "their", "they", "he", "she", "his", "her", "than", "then", "into", "about", "after",
			"before", "most", "many", "much", "some", "any", "each", "every", "all", "not", "no", "can", "could",
			"would", "should", "will", "year");

	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,:-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'])");

	private Words() {
	}

	/** Word tokens with their surrounding punctuation removed ("4.1", "2,400" and "O'Neil" stay whole). */
	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			tokens.add(matcher.group());
		}
		return tokens;
	}

	static String key(String token) {
		return token.toLowerCase(Locale.ROOT);
	}

	static List<String> sentences(String text) {
		List<String> sentences = new ArrayList<>();
		for (String sentence : SENTENCE_END.split(text.strip())) {
			if (!sentence.isBlank()) {
				sentences.add(sentence.strip());
			}
		}
		return sentences;
	}

	static boolean isContent(String token) {
		return !STOPWORDS.contains(key(token));
	}

	static boolean isCapitalized(String token) {
		return Character.isUpperCase(token.codePointAt(0));
	}

	static boolean isNumber(String token) {
		return token.chars().anyMatch(Character::isDigit);
	}

	/** A crude stem so that "designed" matches "design" and "bridges" matches "bridge". */
	static String stem(String token) {
		String k = key(token);
		for (String suffix : new String[] { "ing", "ed", "es", "s" }) {
			if (k.length() > suffix.length() + 3 && k.endsWith(suffix)) {
				return k.substring(0, k.length() - suffix.length());
			}
		}
		return k;
	}

}
