package io.mipro.llm.simulated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simulated task model: a deliberately simple extractive reader. It finds the context sentence that best
 * matches the question and answers with the whole sentence, unless the prompt asks for something shorter: demos
 * teach it the typical answer length, and instructions that ask for short, exact or copied answers make it extract a
 * short span. Which span depends on the question word (who, when, how many, where, ...). It sees only the prompt.
 */
final class Reader {

	/** Words in instructions that ask for short, extracted answers. */
	private static final Pattern ASKS_FOR_SHORT = Pattern.compile(
			"\\b(short|shortest|concise|brief|briefly|exact|exactly|span|verbatim|copy|copied|extract|few words|"
					+ "single word|key phrase|only the answer|nothing else)\\b",
			Pattern.CASE_INSENSITIVE);

	/** Words that ask for a full explanation, overriding a request for brevity. */
	private static final Pattern ASKS_FOR_SENTENCE = Pattern.compile("\\b(full sentence|explain|in detail|elaborate)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final int SHORT_LENGTH = 3;

	/** Words in instructions that ask for supporting text to be quoted rather than put in the reader's own words. */
	private static final Pattern ASKS_TO_COPY = Pattern.compile(
			"\\b(copy|copied|verbatim|quote|quoted|quoting|word for word|exact|exactly|as written|unchanged|extract)\\b",
			Pattern.CASE_INSENSITIVE);

	/** Words in instructions that ask for a search query of key terms. */
	private static final Pattern ASKS_FOR_KEYWORDS = Pattern.compile(
			"\\b(keyword|keywords|key terms|search terms|short|concise|brief|few words)\\b", Pattern.CASE_INSENSITIVE);

	private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\[\\d+\\] ");

	private static final Pattern YEAR = Pattern.compile("1\\d{3}|20\\d{2}");

	private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "at", "on", "near", "from", "of");

	private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
			"august", "september", "october", "november", "december");

	private Reader() {
	}

	/** The best-matching context sentence, and the answer the prompt's guidance leads to. */
	record Reading(String sentence, String answer) {

	}

	static Reading read(String context, String question, String instructions, List<String> demoAnswers) {
		List<String> sentences = Words.sentences(context);
		if (sentences.isEmpty()) {
			return new Reading("", "");
		}
		// names in a question usually give its topic, which the whole passage shares; the other words say what is
		// asked, so they weigh more when choosing the sentence
		Map<String, Double> weights = new HashMap<>();
		List<String> questionTokens = Words.tokens(question);
		for (int i = 0; i < questionTokens.size(); i++) {
			String token = questionTokens.get(i);
			if (Words.isContent(token)) {
				double weight = i > 0 && Words.isCapitalized(token) ? 0.4 : 1.0;
				weights.merge(Words.stem(token), weight, Math::max);
			}
		}
		Set<String> questionStems = weights.keySet();
		String best = sentences.get(0);
		double bestOverlap = -1;
		for (String sentence : sentences) {
			double overlap = 0;
			Set<String> seen = new HashSet<>();
			for (String token : Words.tokens(sentence)) {
				String stem = Words.stem(token);
				if (weights.containsKey(stem) && seen.add(stem)) {
					overlap += weights.get(stem);
				}
			}
			if (overlap > bestOverlap) {
				best = sentence;
				bestOverlap = overlap;
			}
		}
		Integer length = targetLength(instructions, demoAnswers);
		if (length == null) {
			return new Reading(best, best);
		}
		return new Reading(best, span(best, question, questionStems, length));
	}

	/**
	 * Text as the reader reads it: a list of passages ({@code [1] «...»} lines, as retrieve steps and DSPy render
	 * them) becomes plain sentences, one passage per line.
	 */
	static String plainText(String text) {
		if (!text.contains("«")) {
			return text;
		}
		String plain = LIST_MARKER.matcher(text).replaceAll("");
		return plain.replace("«««", "").replace("»»»", "").replace("«", "").replace("»", "").replace("\n    ", " ")
			.strip();
	}

	/**
	 * Supporting text: the best-matching sentence copied word for word when the instructions ask to copy or quote,
	 * or the demos show copied text; otherwise the reader puts it in its own words, naming the topic the question
	 * asks about and losing the details (numbers, names, dates) that an answer would need.
	 */
	static String evidence(String sentence, String question, String instructions,
			SimulatedLanguageModel.Demos demos) {
		if (ASKS_TO_COPY.matcher(instructions).find() || demos.teachCopying()) {
			return sentence;
		}
		Set<String> questionStems = new HashSet<>();
		Words.tokens(question).forEach(token -> questionStems.add(Words.stem(token)));
		List<String> topic = new ArrayList<>();
		for (String token : Words.tokens(sentence)) {
			if (questionStems.contains(Words.stem(token)) && Words.isContent(token) && !topic.contains(token)) {
				topic.add(token);
			}
		}
		return topic.isEmpty() ? "The text discusses the subject of the question."
				: "The text discusses " + String.join(" and ", topic) + ".";
	}

	/**
	 * A search query: the question's content words when the instructions or the demos ask for keywords, otherwise a
	 * wordy request around the whole question.
	 */
	static String query(String question, String instructions, List<String> demoQueries) {
		boolean keywords = ASKS_FOR_KEYWORDS.matcher(instructions).find();
		if (!demoQueries.isEmpty()) {
			List<Integer> lengths = demoQueries.stream().map(q -> Words.tokens(q).size()).sorted().toList();
			keywords = lengths.get(lengths.size() / 2) <= 6;
		}
		if (!keywords) {
			return "Find documents and background information that explain the following: " + question.strip();
		}
		List<String> terms = new ArrayList<>();
		for (String token : Words.tokens(question)) {
			if (Words.isContent(token) && !terms.contains(token)) {
				terms.add(token);
			}
		}
		return terms.isEmpty() ? question.strip() : String.join(" ", terms);
	}

	/** Null for a whole-sentence answer; else the number of words to aim for. */
	static Integer targetLength(String instructions, List<String> demoAnswers) {
		if (!demoAnswers.isEmpty()) {
			List<Integer> lengths = new ArrayList<>();
			for (String answer : demoAnswers) {
				lengths.add(Math.max(1, Words.tokens(answer).size()));
			}
			lengths.sort(Integer::compare);
			int median = lengths.get(lengths.size() / 2);
			return median >= 12 ? null : median;
		}
		if (ASKS_FOR_SENTENCE.matcher(instructions).find()) {
			return null;
		}
		return ASKS_FOR_SHORT.matcher(instructions).find() ? SHORT_LENGTH : null;
	}

	static String span(String sentence, String question, Set<String> questionStems, int length) {
		List<String> tokens = Words.tokens(sentence);
		String q = question.toLowerCase(Locale.ROOT);
		boolean[] fromQuestion = new boolean[tokens.size()];
		for (int i = 0; i < tokens.size(); i++) {
			fromQuestion[i] = questionStems.contains(Words.stem(tokens.get(i)));
		}
		String typed = null;
		if (q.startsWith("who") || q.contains(" who ") || q.startsWith("whose")) {
			typed = firstRun(tokens, fromQuestion, i -> i > 0 && Words.isCapitalized(tokens.get(i)), length + 1);
		}
		else if (q.startsWith("when") || q.contains("what year") || q.contains("which year") || q.contains("what month")
				|| q.contains("which month") || q.startsWith("since when")) {
			typed = firstRun(tokens, fromQuestion, i -> Words.isNumber(tokens.get(i))
					|| MONTHS.contains(Words.key(tokens.get(i))), Math.max(1, length));
		}
		else if (q.startsWith("how many") || q.startsWith("how much") || q.matches("^how (high|long|wide|far|old|tall|big|deep|heavy)\\b.*")) {
			typed = quantity(tokens, fromQuestion, length);
		}
		else if (q.startsWith("where")) {
			typed = firstRun(tokens, fromQuestion, i -> i > 0 && Words.isCapitalized(tokens.get(i))
					&& PLACE_PREPOSITIONS.contains(Words.key(tokens.get(i - 1))), length + 1);
			if (typed != null) {
				int at = tokens.indexOf(typed.split(" ")[0]);
				String preposition = at > 0 ? tokens.get(at - 1) : null;
				typed = length > 2 && preposition != null ? preposition + " " + typed : typed;
			}
			else {
				typed = firstRun(tokens, fromQuestion, i -> i > 0 && Words.isCapitalized(tokens.get(i)), length + 1);
			}
		}
		if (typed != null && !typed.isEmpty()) {
			return typed;
		}
		return afterQuestionWords(tokens, fromQuestion, length);
	}

	/**
	 * A number and, when the answer may have more words, the unit that follows it; numbers that look like years are
	 * passed over when another number is there, since "how many" and "how high" rarely ask for a year.
	 */
	private static String quantity(List<String> tokens, boolean[] fromQuestion, int length) {
		int chosen = -1;
		for (int i = 0; i < tokens.size(); i++) {
			if (!fromQuestion[i] && Words.isNumber(tokens.get(i))) {
				if (chosen < 0 || (YEAR.matcher(tokens.get(chosen)).matches() && !YEAR.matcher(tokens.get(i)).matches())) {
					chosen = i;
				}
				if (!YEAR.matcher(tokens.get(i)).matches()) {
					break;
				}
			}
		}
		if (chosen < 0) {
			return null;
		}
		int end = chosen + 1;
		while (end < tokens.size() && end - chosen < length && !fromQuestion[end] && Words.isContent(tokens.get(end))
				&& !Words.isCapitalized(tokens.get(end))) {
			end++;
		}
		return String.join(" ", tokens.subList(chosen, end));
	}

	/**
	 * The first run of tokens satisfying {@code test} that are not question words, at most {@code max} long; runs
	 * after the last question word (where the asked-for detail usually is) come first.
	 */
	private static String firstRun(List<String> tokens, boolean[] fromQuestion, java.util.function.IntPredicate test,
			int max) {
		int last = -1;
		for (int i = 0; i < tokens.size(); i++) {
			if (fromQuestion[i]) {
				last = i;
			}
		}
		String after = run(tokens, fromQuestion, test, max, last + 1);
		return after != null ? after : run(tokens, fromQuestion, test, max, 0);
	}

	private static String run(List<String> tokens, boolean[] fromQuestion, java.util.function.IntPredicate test,
			int max, int from) {
		for (int i = from; i < tokens.size(); i++) {
			if (!fromQuestion[i] && test.test(i)) {
				int end = i;
				while (end < tokens.size() && end - i < max && !fromQuestion[end] && test.test(end)) {
					end++;
				}
				return String.join(" ", tokens.subList(i, end));
			}
		}
		return null;
	}

	/**
	 * The words after the last question word that are not question words themselves, leading function words
	 * dropped, cut to {@code length}; falls back to the sentence's first words.
	 */
	private static String afterQuestionWords(List<String> tokens, boolean[] fromQuestion, int length) {
		int last = -1;
		for (int i = 0; i < tokens.size(); i++) {
			if (fromQuestion[i]) {
				last = i;
			}
		}
		int start = last + 1;
		while (start < tokens.size() && (fromQuestion[start] || !Words.isContent(tokens.get(start)))) {
			start++;
		}
		if (start >= tokens.size()) {
			start = 0;
			while (start < tokens.size() && (fromQuestion[start] || !Words.isContent(tokens.get(start)))) {
				start++;
			}
			if (start >= tokens.size()) {
				return String.join(" ", tokens.subList(0, Math.min(length, tokens.size())));
			}
		}
		int end = start;
		while (end < tokens.size() && end - start < length && !fromQuestion[end]) {
			end++;
		}
		return String.join(" ", tokens.subList(start, end));
	}

	/** The allowed value sharing the most words with the text (ties: the first listed). */
	static String classify(List<String> allowed, String text, Map<String, Integer> demoVotes) {
		Set<String> words = new HashSet<>();
		Words.tokens(text).forEach(t -> words.add(Words.stem(t)));
		String best = allowed.get(0);
		double bestScore = -1;
		for (String value : allowed) {
			double score = 0;
			for (String token : Words.tokens(value.replace('_', ' '))) {
				if (words.contains(Words.stem(token))) {
					score++;
				}
			}
			score += 0.1 * demoVotes.getOrDefault(value, 0);
			if (score > bestScore) {
				best = value;
				bestScore = score;
			}
		}
		return best;
	}

}
