package io.mipro.dataset.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads examples from JSON (an array of flat objects, a JSON Lines file, or the {@code {"name", "examples"}} body)
 * with a streaming parser, so that every refusal can name the line it happened on.
 */
final class JsonExampleReader {

	private static final JsonFactory FACTORY = new JsonFactory();

	private final ExampleCollector collector;

	JsonExampleReader(ExampleCollector collector) {
		this.collector = collector;
	}

	/** A file whose single top-level value is an array of objects. */
	void readArray(String text) {
		try (JsonParser parser = FACTORY.createParser(text)) {
			JsonToken token = parser.nextToken();
			if (token != JsonToken.START_ARRAY) {
				throw new InvalidDatasetException("The top-level value must be a JSON array of objects; found "
						+ describe(token) + ".", UploadPosition.line(line(parser)));
			}
			readExamples(parser);
			expectEnd(parser, "the array");
		}
		catch (JacksonException ex) {
			throw invalidJson(ex, 0);
		}
	}

	/** The JSON body: an object with an optional {@code name} and the {@code examples} array. Returns the name. */
	String readBody(String text) {
		try (JsonParser parser = FACTORY.createParser(text)) {
			JsonToken token = parser.nextToken();
			if (token != JsonToken.START_OBJECT) {
				throw new InvalidDatasetException("The body must be a JSON object {\"name\": ..., \"examples\": [...]}; "
						+ "found " + describe(token) + ".", UploadPosition.line(line(parser)));
			}
			String name = null;
			boolean sawExamples = false;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String property = parser.currentName();
				JsonToken value = parser.nextToken();
				UploadPosition at = UploadPosition.line(line(parser)).withField(property);
				switch (property) {
					case "name" -> {
						if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
							throw new InvalidDatasetException("`name` must be a string; found " + describe(value) + ".",
									at);
						}
						name = value == JsonToken.VALUE_NULL ? null : parser.getString();
					}
					case "examples" -> {
						if (value != JsonToken.START_ARRAY) {
							throw new InvalidDatasetException(
									"`examples` must be an array of objects; found " + describe(value) + ".", at);
						}
						readExamples(parser);
						sawExamples = true;
					}
					default -> throw new InvalidDatasetException(
							"Unknown property `" + property + "`; the body has `name` and `examples`.", at);
				}
			}
			if (!sawExamples) {
				throw new InvalidDatasetException("The body lacks the `examples` array.");
			}
			expectEnd(parser, "the object");
			return name;
		}
		catch (JacksonException ex) {
			throw invalidJson(ex, 0);
		}
	}

	/** JSON Lines: one object per non-blank line. */
	void readLines(String text) {
		String[] lines = text.split("\n", -1);
		int example = 0;
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (line.isBlank()) {
				continue;
			}
			long lineNumber = i + 1L;
			example++;
			UploadPosition at = UploadPosition.example(example, lineNumber);
			try (JsonParser parser = FACTORY.createParser(line)) {
				JsonToken token = parser.nextToken();
				if (token != JsonToken.START_OBJECT) {
					throw new InvalidDatasetException(
							"Each line must hold one JSON object; found " + describe(token) + ".", at);
				}
				collector.add(readObject(parser, at), at);
				if (parser.nextToken() != null) {
					throw new InvalidDatasetException("Unexpected content after the object; put one object per line.",
							at);
				}
			}
			catch (JacksonException ex) {
				throw invalidJson(ex, lineNumber - 1);
			}
		}
	}

	private void readExamples(JsonParser parser) {
		int example = 0;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			example++;
			UploadPosition at = UploadPosition.example(example, line(parser));
			if (token != JsonToken.START_OBJECT) {
				throw new InvalidDatasetException("Each example must be a JSON object; found " + describe(token) + ".",
						at);
			}
			collector.add(readObject(parser, at), at);
		}
	}

	/** Reads a flat object whose START_OBJECT was just consumed. */
	private static Map<String, String> readObject(JsonParser parser, UploadPosition at) {
		Map<String, String> values = new LinkedHashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			UploadPosition fieldAt = at.withField(field);
			String text = switch (value) {
				case VALUE_STRING -> parser.getString();
				// the literal spelling, so that 42 in JSON and 42 in CSV are the same value
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
				case VALUE_TRUE -> "true";
				case VALUE_FALSE -> "false";
				case VALUE_NULL -> throw new InvalidDatasetException(
						"null is not a value; use a string (possibly empty), a number or a boolean.", fieldAt);
				case START_OBJECT, START_ARRAY -> throw new InvalidDatasetException(
						"Nested values are not allowed; every value must be a string, a number or a boolean.",
						fieldAt);
				default -> throw new InvalidDatasetException("Unexpected " + describe(value) + ".", fieldAt);
			};
			if (values.putIfAbsent(field, text) != null) {
				throw new InvalidDatasetException("The field appears twice in the same example.", fieldAt);
			}
		}
		return values;
	}

	private static void expectEnd(JsonParser parser, String what) {
		JsonToken extra = parser.nextToken();
		if (extra != null) {
			throw new InvalidDatasetException("Unexpected " + describe(extra) + " after the end of " + what + ".",
					UploadPosition.line(line(parser)));
		}
	}

	private static long line(JsonParser parser) {
		return parser.currentTokenLocation().getLineNr();
	}

	private static InvalidDatasetException invalidJson(JacksonException ex, long lineOffset) {
		TokenStreamLocation location = ex.getLocation();
		long line = location == null || location.getLineNr() < 1 ? 0 : location.getLineNr() + lineOffset;
		String message = ex.getOriginalMessage();
		// keep the first sentence; Jackson appends source-location boilerplate the problem already carries
		for (String tail : new String[] { "\n", " (start marker at", " at [Source" }) {
			int cut = message.indexOf(tail);
			message = cut > 0 ? message.substring(0, cut) : message;
		}
		int column = location == null ? -1 : location.getColumnNr();
		String where = column > 0 ? " (column " + column + ")" : "";
		return new InvalidDatasetException(HttpStatus.BAD_REQUEST,
				"Invalid JSON" + where + ": " + message, UploadPosition.line(line), ex);
	}

	private static String describe(JsonToken token) {
		if (token == null) {
			return "the end of the input";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.toString();
		};
	}

}
