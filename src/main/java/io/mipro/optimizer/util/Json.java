package io.mipro.optimizer.util;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the core reads and writes. Reading is lenient the way DSPy's JSON adapter is (it parses model output with
 * {@code json_repair}): the first JSON object in the text, with single quotes, trailing commas, unquoted names,
 * comments, and a missing closing brace or quote repaired; a fenced block is just text around the object. Writing
 * follows Python's {@code json.dumps(..., ensure_ascii=False)}, because prompts built from it must match DSPy's byte
 * for byte (floats as Python writes them, {@code ", "} and {@code ": "} separators, or an indent of 2).
 * <p>
 * Values cross this boundary as plain Java: {@code String}, {@code Boolean}, {@code Long} or {@code BigInteger},
 * {@code Double}, {@code null}, {@code List} and {@code Map} (insertion-ordered).
 */
public final class Json {

	private static final ObjectReader LENIENT = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_COMMA,
				JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
				JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
				JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
				JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
				JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build()
		.readerFor(JsonNode.class);

	private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n(.*?)```", Pattern.DOTALL);

	private Json() {
	}

	/**
	 * The first JSON object in {@code text}, read leniently (a fenced code block is searched first), or empty when the
	 * text holds none, even after repair.
	 */
	public static Optional<Map<String, Object>> firstObject(String text) {
		Matcher fence = FENCE.matcher(text);
		while (fence.find()) {
			Optional<Map<String, Object>> inside = scan(fence.group(1));
			if (inside.isPresent()) {
				return inside;
			}
		}
		return scan(text);
	}

	private static Optional<Map<String, Object>> scan(String text) {
		for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
			Optional<Map<String, Object>> object = objectAt(text.substring(start));
			if (object.isPresent()) {
				return object;
			}
		}
		return Optional.empty();
	}

	@SuppressWarnings("unchecked")
	private static Optional<Map<String, Object>> objectAt(String text) {
		JsonNode node;
		try {
			node = LENIENT.readValue(text);
		}
		catch (UnexpectedEndOfInputException truncated) {
			// the object never closed (a model that stopped early): close what is open, as json_repair does
			try {
				node = LENIENT.readValue(text + closers(text));
			}
			catch (JacksonException stillBroken) {
				return Optional.empty();
			}
		}
		catch (JacksonException notHere) {
			return Optional.empty();
		}
		return node != null && node.isObject() ? Optional.of((Map<String, Object>) value(node)) : Optional.empty();
	}

	/** What closes the strings and containers left open at the end of {@code text}. */
	static String closers(String text) {
		StringBuilder open = new StringBuilder();
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '{') {
				open.append('}');
			}
			else if (c == '[') {
				open.append(']');
			}
			else if ((c == '}' || c == ']') && !open.isEmpty()) {
				open.setLength(open.length() - 1);
			}
		}
		StringBuilder close = new StringBuilder();
		if (quote != 0) {
			close.append(quote);
		}
		return close.append(open.reverse()).toString();
	}

	private static Object value(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				map.put(entry.getKey(), value(entry.getValue()));
			}
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>();
			node.values().forEach(item -> list.add(value(item)));
			return list;
		}
		if (node.isString()) {
			return node.asString();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		if (node.isIntegralNumber()) {
			BigInteger big = node.bigIntegerValue();
			return big.bitLength() < 64 ? (Object) big.longValue() : big;
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		return null;
	}

	/** Python's {@code json.dumps(value, ensure_ascii=False)}. */
	public static String dumps(Object value) {
		StringBuilder json = new StringBuilder();
		write(json, value, -1, 0);
		return json.toString();
	}

	/** Python's {@code json.dumps(value, indent=2, ensure_ascii=False)}. */
	public static String dumpsIndented(Object value) {
		StringBuilder json = new StringBuilder();
		write(json, value, 2, 0);
		return json.toString();
	}

	private static void write(StringBuilder json, Object value, int indent, int depth) {
		if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				json.append("{}");
				return;
			}
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				newline(json, indent, depth + 1, first);
				first = false;
				quote(json, String.valueOf(entry.getKey()));
				json.append(": ");
				write(json, entry.getValue(), indent, depth + 1);
			}
			closeLine(json, indent, depth);
			json.append('}');
		}
		else if (value instanceof List<?> list) {
			if (list.isEmpty()) {
				json.append("[]");
				return;
			}
			json.append('[');
			boolean first = true;
			for (Object item : list) {
				json.append(first ? "" : ",");
				newline(json, indent, depth + 1, first);
				first = false;
				write(json, item, indent, depth + 1);
			}
			closeLine(json, indent, depth);
			json.append(']');
		}
		else if (value instanceof String text) {
			quote(json, text);
		}
		else if (value instanceof Boolean bool) {
			json.append(bool ? "true" : "false");
		}
		else if (value instanceof Double number) {
			json.append(PythonValues.repr(number));
		}
		else if (value instanceof Number number) {
			json.append(number);
		}
		else if (value == null) {
			json.append("null");
		}
		else {
			quote(json, value.toString());
		}
	}

	/** Without an indent Python separates items with ", "; with one, each item goes on its own indented line. */
	private static void newline(StringBuilder json, int indent, int depth, boolean first) {
		if (indent < 0) {
			json.append(first ? "" : " ");
			return;
		}
		json.append('\n').append(" ".repeat(indent * depth));
	}

	private static void closeLine(StringBuilder json, int indent, int depth) {
		if (indent >= 0) {
			json.append('\n').append(" ".repeat(indent * depth));
		}
	}

	/** A JSON string literal with Python's escapes (non-ASCII kept, control characters escaped). */
	public static String quote(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2);
		quote(json, value);
		return json.toString();
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

}
