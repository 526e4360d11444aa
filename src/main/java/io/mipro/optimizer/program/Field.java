package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A named input or output of a signature. The description defaults to DSPy's placeholder {@code ${name}} (shown as
 * empty in prompts) and the prefix to the title-cased name with a colon (used when the proposer shows demos and in
 * the artifact's {@code fields}).
 */
public record Field(String name, FieldType type, String description, String prefix) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	public Field {
		if (name == null || !IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("field name `" + name + "` is not an identifier");
		}
		type = type == null ? FieldType.STR : type;
		description = description == null || description.isBlank() ? placeholder(name) : description;
		prefix = prefix == null || prefix.isBlank() ? inferPrefix(name) + ":" : prefix;
	}

	public static Field of(String name) {
		return new Field(name, FieldType.STR, null, null);
	}

	public static Field of(String name, FieldType type) {
		return new Field(name, type, null, null);
	}

	public Field withDescription(String text) {
		return new Field(name, type, text, prefix);
	}

	/** The description a prompt shows: empty while it is still the {@code ${name}} placeholder. */
	public String shownDescription() {
		return description.equals(placeholder(name)) ? "" : description;
	}

	static String placeholder(String name) {
		return "${" + name + "}";
	}

	/** DSPy's prefix inference: {@code snake_case} and {@code camelCase} become title-cased words, acronyms kept. */
	static String inferPrefix(String name) {
		String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
		s = s.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
		s = s.replaceAll("([a-zA-Z])(\\d)", "$1_$2");
		s = s.replaceAll("(\\d)([a-zA-Z])", "$1_$2");
		List<String> words = new ArrayList<>();
		for (String word : s.split("_", -1)) {
			if (!word.isEmpty() && word.equals(word.toUpperCase(Locale.ROOT)) && !word.equals(word.toLowerCase(Locale.ROOT))) {
				words.add(word);
			}
			else if (word.isEmpty()) {
				words.add(word);
			}
			else {
				words.add(word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT));
			}
		}
		return String.join(" ", words);
	}

}
