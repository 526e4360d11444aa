package io.mipro.optimizer.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The small amount of JSON the core needs without a JSON library (the core stays free of frameworks): find the first
 * JSON object in a model's answer and read its top-level members as text, and write flat string objects.
 * Nested values are kept as their raw JSON text.
 */
public final class MiniJson {

	private final String text;

	private int pos;

	private MiniJson(String text, int pos) {
		this.text = text;
		this.pos = pos;
	}

	/** The first parseable top-level JSON object in {@code text}, members as strings (numbers and literals verbatim). */
	public static Optional<Map<String, String>> firstObject(String text) {
		for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
			try {
				MiniJson parser = new MiniJson(text, start);
				return Optional.of(parser.readObject());
			}
			catch (IllegalArgumentException ex) {
				// not an object here; try the next brace
			}
		}
		return Optional.empty();
	}

	private Map<String, String> readObject() {
		expect('{');
		Map<String, String> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			pos++;
			return members;
		}
		while (true) {
			skipWhitespace();
			String key = readString();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			members.putIfAbsent(key, readValueAsText());
			skipWhitespace();
			char c = next();
			if (c == '}') {
				return members;
			}
			if (c != ',') {
				throw new IllegalArgumentException("expected , or }");
			}
		}
	}

	private String readValueAsText() {
		char c = peek();
		if (c == '"') {
			return readString();
		}
		int start = pos;
		if (c == '{' || c == '[') {
			skipNested();
			return text.substring(start, pos);
		}
		while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
			pos++;
		}
		String literal = text.substring(start, pos);
		if (literal.isEmpty()) {
			throw new IllegalArgumentException("empty value");
		}
		return literal;
	}

	private void skipNested() {
		int depth = 0;
		do {
			char c = next();
			if (c == '"') {
				pos--;
				readString();
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
		}
		while (depth > 0);
	}

	private String readString() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char e = next();
			switch (e) {
				case '"', '\\', '/' -> out.append(e);
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					if (pos + 4 > text.length()) {
						throw new IllegalArgumentException("bad escape");
					}
					out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
					pos += 4;
				}
				default -> throw new IllegalArgumentException("bad escape");
			}
		}
	}

	/** A flat string map as a compact JSON object. */
	public static String write(Map<String, String> values) {
		StringBuilder json = new StringBuilder("{");
		boolean first = true;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			json.append(first ? "" : ", ");
			first = false;
			quote(json, entry.getKey());
			json.append(": ");
			quote(json, entry.getValue());
		}
		return json.append('}').toString();
	}

	public static void quote(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

	private void skipWhitespace() {
		while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
			pos++;
		}
	}

	private char peek() {
		if (pos >= text.length()) {
			throw new IllegalArgumentException("end of input");
		}
		return text.charAt(pos);
	}

	private char next() {
		char c = peek();
		pos++;
		return c;
	}

	private void expect(char c) {
		if (next() != c) {
			throw new IllegalArgumentException("expected " + c);
		}
	}

}
