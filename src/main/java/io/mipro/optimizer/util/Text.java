package io.mipro.optimizer.util;

import java.util.ArrayList;
import java.util.List;

/** Python's string helpers that the reference's prompt format relies on, with their exact semantics. */
public final class Text {

	private Text() {
	}

	/**
	 * Python's {@code str.splitlines()}: splits on every line boundary Python knows and drops the terminator; a
	 * trailing terminator does not produce an empty last line.
	 */
	public static List<String> splitLines(String text) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (isLineBoundary(c)) {
				lines.add(text.substring(start, i));
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				start = i + 1;
			}
			i++;
		}
		if (start < text.length()) {
			lines.add(text.substring(start));
		}
		return lines;
	}

	private static boolean isLineBoundary(char c) {
		return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u001C' || c == '\u001D'
				|| c == '\u001E' || c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

	/**
	 * Python's {@code textwrap.dedent}: removes the longest common leading whitespace of the non-blank lines;
	 * whitespace-only lines become empty.
	 */
	public static String dedent(String text) {
		String[] lines = text.split("\n", -1);
		String margin = null;
		for (String line : lines) {
			if (line.isBlank()) {
				continue;
			}
			String indent = line.substring(0, line.length() - line.stripLeading().length());
			if (margin == null) {
				margin = indent;
			}
			else {
				int common = 0;
				while (common < margin.length() && common < indent.length()
						&& margin.charAt(common) == indent.charAt(common)) {
					common++;
				}
				margin = margin.substring(0, common);
			}
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (i > 0) {
				out.append('\n');
			}
			if (line.isBlank()) {
				continue;
			}
			out.append(margin == null ? line : line.substring(margin.length()));
		}
		return out.toString();
	}

	/** Python's {@code str.strip(chars)} for one character. */
	public static String strip(String text, char c) {
		int start = 0;
		int end = text.length();
		while (start < end && text.charAt(start) == c) {
			start++;
		}
		while (end > start && text.charAt(end - 1) == c) {
			end--;
		}
		return text.substring(start, end);
	}

}
