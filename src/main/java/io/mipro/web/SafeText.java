package io.mipro.web;

import java.util.Optional;

/**
 * Text a database stores faithfully: no NUL characters (PostgreSQL text cannot hold them) and no unpaired UTF-16
 * surrogates (which JSON escapes such as {@code \ud800} can produce).
 */
public final class SafeText {

	private SafeText() {
	}

	/** Why the text cannot be stored, if it cannot. */
	public static Optional<String> problem(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return Optional.of("contains a NUL character (U+0000), which cannot be stored");
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
				continue;
			}
			if (Character.isSurrogate(c)) {
				return Optional.of("contains an unpaired surrogate (U+" + String.format("%04X", (int) c)
						+ "), which is not valid Unicode text");
			}
		}
		return Optional.empty();
	}

	/** A value quoted in a message: at most 60 characters, control characters shown as {@code ?}. */
	public static String excerpt(String value) {
		if (value == null) {
			return "null";
		}
		String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
		StringBuilder out = new StringBuilder(shown.length());
		shown.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
		return out.toString();
	}

}
