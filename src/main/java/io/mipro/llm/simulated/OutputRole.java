package io.mipro.llm.simulated;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the reader takes a field to be, from its name, as a language model reads a field name: supporting text
 * ({@code evidence}, {@code context}, {@code passages}, {@code supporting_sentence}, ...), a search query
 * ({@code query}, {@code keywords}, ...), or an answer (anything else). Among inputs, supporting text is what the
 * reader reads; among outputs, the role decides how it writes.
 */
enum OutputRole {

	EVIDENCE, QUERY, ANSWER;

	private static final Pattern EVIDENCE_NAMES = Pattern.compile(
			"evidence|support|supporting|quotes?|quotations?|passages?|sentences?|snippets?|excerpts?|facts?|contexts?|"
					+ "citations?|documents?|docs?");

	private static final Pattern QUERY_NAMES = Pattern.compile("query|queries|search|keywords?|search_terms?");

	static OutputRole of(String field) {
		String name = field.toLowerCase(Locale.ROOT);
		for (String part : name.split("_")) {
			if (QUERY_NAMES.matcher(part).matches()) {
				return QUERY;
			}
		}
		for (String part : name.split("_")) {
			if (EVIDENCE_NAMES.matcher(part).matches()) {
				return EVIDENCE;
			}
		}
		return ANSWER;
	}

}
