package io.mipro.optimizer.propose;

import java.util.regex.Pattern;

import io.mipro.optimizer.util.Text;

/**
 * Removes a leading label such as {@code Proposed Instruction:} (one to five word-like tokens and a colon, after
 * optional asterisks and whitespace) and surrounding double quotes, as the reference does with model answers. Unlike
 * the reference it also removes the asterisks that close a markdown-bold label ({@code **Instruction:** "..."}),
 * which would otherwise stay in the instruction.
 */
final class StripPrefix {

	private static final Pattern LABEL = Pattern.compile("^[*\\s]*(([\\w'\\-]+\\s+){0,4}[\\w'\\-]+):[*\\s]*",
			Pattern.UNICODE_CHARACTER_CLASS);

	private StripPrefix() {
	}

	static String apply(String text) {
		return Text.strip(LABEL.matcher(text).replaceFirst("").strip(), '"');
	}

}
