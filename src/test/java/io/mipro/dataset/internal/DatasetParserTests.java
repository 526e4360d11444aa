package io.mipro.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.mipro.dataset.DatasetLimits;
import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

class DatasetParserTests {

	private final DatasetParser parser = new DatasetParser(DatasetLimits.defaults());

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private ParsedDataset parse(String text, UploadFormat format) {
		return parser.parseFile(utf8(text), format);
	}

	private InvalidDatasetException refusal(String text, UploadFormat format) {
		try {
			parse(text, format);
		}
		catch (InvalidDatasetException ex) {
			return ex;
		}
		throw new AssertionError("expected a refusal of: " + text);
	}

	@Test
	void sameDataInJsonJsonlAndCsvGivesIdenticalExamples() {
		String json = """
				[{"question": "How many?", "context": "Say \\"3\\", then stop.", "answer": 3},
				 {"question": "Is it?", "context": "Yes, it is.", "answer": true}]""";
		String jsonl = """
				{"question": "How many?", "context": "Say \\"3\\", then stop.", "answer": 3}

				{"answer": true, "question": "Is it?", "context": "Yes, it is."}
				""";
		String csv = "question,context,answer\r\n\"How many?\",\"Say \"\"3\"\", then stop.\",3\r\nIs it?,\"Yes, it is.\",true\r\n";

		ParsedDataset fromJson = parse(json, UploadFormat.JSON);
		ParsedDataset fromJsonl = parse(jsonl, UploadFormat.JSONL);
		ParsedDataset fromCsv = parse(csv, UploadFormat.CSV);

		assertThat(fromJson.fields()).containsExactly("question", "context", "answer");
		assertThat(fromJson.example(0))
			.isEqualTo(Map.of("question", "How many?", "context", "Say \"3\", then stop.", "answer", "3"));
		assertThat(fromJson.example(1).get("answer")).isEqualTo("true");
		assertThat(fromJsonl).isEqualTo(fromJson);
		assertThat(fromCsv).isEqualTo(fromJson);
		assertThat(fromCsv.contentHash()).isEqualTo(fromJson.contentHash()).hasSize(64);
	}

	@Test
	void numbersKeepTheirLiteralSpellingAndBomIsIgnored() {
		ParsedDataset parsed = parse("\uFEFF[{\"x\": 1.50, \"y\": -2e3}]", UploadFormat.JSON);
		assertThat(parsed.example(0)).containsEntry("x", "1.50").containsEntry("y", "-2e3");
	}

	@Test
	void jsonBodyCarriesNameAndExamples() {
		DatasetParser.NamedDataset named = parser
			.parseJsonBody(utf8("{\"name\": \"dev\", \"examples\": [{\"q\": \"a\"}, {\"q\": \"b\"}]}"));
		assertThat(named.name()).isEqualTo("dev");
		assertThat(named.dataset().rows()).containsExactly(List.of("a"), List.of("b"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			truncated array           | [{"q": "a"},\\n{"q": "b"          | 2 | 0 | Invalid JSON
			top-level object          | {"q": "a"}                          | 1 | 0 | must be a JSON array
			top-level string          | "hello"                             | 1 | 0 | must be a JSON array
			array of numbers          | [1, 2]                              | 1 | 1 | must be a JSON object
			nested object             | [{"q": "a"},\\n{"q": {"x": 1}}]     | 2 | 2 | Nested values
			nested array              | [{"q": ["a"]}]                      | 1 | 1 | Nested values
			null value                | [{"q": null}]                       | 1 | 1 | null is not a value
			missing field             | [{"q": "a", "r": "b"},\\n{"q": "c"}] | 2 | 2 | lacks field `r`
			extra field               | [{"q": "a"},\\n{"q": "c", "r": "d"}] | 2 | 2 | has field `r`
			duplicate field           | [{"q": "a", "q": "b"}]              | 1 | 1 | appears twice
			empty array               | []                                  | 0 | 0 | no examples
			empty object              | [{}]                                | 1 | 1 | has no fields
			trailing content          | [{"q": "a"}] [                      | 1 | 0 | after the end
			bad field name            | [{"my field": "a"}]                 | 1 | 1 | identifiers
			reserved field name       | [{"augmented": "a"}]                | 1 | 1 | reserved
			NUL character             | [{"q": "a\\u0000b"}]                | 1 | 1 | NUL
			lone surrogate            | [{"q": "\\ud800"}]                  | 1 | 1 | unpaired surrogate
			""")
	void jsonRefusalsNameTheFirstOffendingPlace(String name, String text, long line, int example, String message) {
		InvalidDatasetException ex = refusal(text.replace("\\n", "\n"), UploadFormat.JSON);
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(ex.getBody().getDetail()).contains(message);
		assertThat(ex.position().line()).isEqualTo(line);
		assertThat(ex.position().example()).isEqualTo(example);
	}

	@Test
	void jsonLinesRefusalsNameTheLine() {
		InvalidDatasetException notObject = refusal("{\"q\": \"a\"}\n\n[1]\n", UploadFormat.JSONL);
		assertThat(notObject.position()).isEqualTo(UploadPosition.example(2, 3));
		assertThat(notObject.getBody().getDetail()).contains("one JSON object");

		InvalidDatasetException broken = refusal("{\"q\": \"a\"}\n{\"q\": \"b\"\n", UploadFormat.JSONL);
		assertThat(broken.position().line()).isEqualTo(2);
		assertThat(broken.getBody().getDetail()).contains("Invalid JSON");

		InvalidDatasetException twoObjects = refusal("{\"q\": \"a\"} {\"q\": \"b\"}\n", UploadFormat.JSONL);
		assertThat(twoObjects.getBody().getDetail()).contains("one object per line");
	}

	@Test
	void csvRefusalsNameTheLine() {
		InvalidDatasetException ragged = refusal("q,a\nx,1\ny,2,3\n", UploadFormat.CSV);
		assertThat(ragged.position()).isEqualTo(UploadPosition.example(2, 3));
		assertThat(ragged.getBody().getDetail()).contains("has 3 values but the header has 2");

		InvalidDatasetException multiLine = refusal("q,a\n\"x\ny\",1\nz\n", UploadFormat.CSV);
		assertThat(multiLine.position()).isEqualTo(UploadPosition.example(2, 4));

		InvalidDatasetException unclosed = refusal("q,a\nx,\"open\n", UploadFormat.CSV);
		assertThat(unclosed.getBody().getDetail()).startsWith("Line").contains("Invalid CSV");

		InvalidDatasetException duplicateHeader = refusal("q,q\n1,2\n", UploadFormat.CSV);
		assertThat(duplicateHeader.getBody().getDetail()).contains("repeats");

		InvalidDatasetException emptyHeader = refusal("q,\n1,2\n", UploadFormat.CSV);
		assertThat(emptyHeader.getBody().getDetail()).contains("identifiers");

		InvalidDatasetException headerOnly = refusal("q,a\n", UploadFormat.CSV);
		assertThat(headerOnly.getBody().getDetail()).contains("no examples");
	}

	@Test
	void refusesBytesThatAreNotUtf8AndNamesTheLine() {
		byte[] latin1 = "q,a\nx,1\ny,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThatThrownBy(() -> parser.parseFile(latin1, UploadFormat.CSV))
			.isInstanceOfSatisfying(InvalidDatasetException.class, ex -> {
				assertThat(ex.position().line()).isEqualTo(3);
				assertThat(ex.getBody().getDetail()).contains("not valid UTF-8");
			});
	}

	@Test
	void refusesEmptyUploads() {
		assertThat(refusal("", UploadFormat.JSON).getBody().getDetail()).contains("empty");
		assertThat(refusal("  \n\n", UploadFormat.CSV).getBody().getDetail()).contains("empty");
		assertThat(refusal("\n\n", UploadFormat.JSONL).getBody().getDetail()).contains("empty");
	}

	@Test
	void enforcesConfiguredLimits() {
		DatasetParser strict = new DatasetParser(new DatasetLimits(DataSize.ofBytes(200), 2, 5, 2, true));

		assertThatThrownBy(() -> strict.parseFile(utf8("[{\"q\":\"a\"},{\"q\":\"b\"},{\"q\":\"c\"}]"), UploadFormat.JSON))
			.isInstanceOfSatisfying(InvalidDatasetException.class, ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
				assertThat(ex.position().example()).isEqualTo(3);
			});
		assertThatThrownBy(() -> strict.parseFile(utf8("[{\"q\":\"abcdef\"}]"), UploadFormat.JSON))
			.isInstanceOfSatisfying(InvalidDatasetException.class,
					ex -> assertThat(ex.getBody().getDetail()).contains("at most 5"));
		assertThatThrownBy(() -> strict.parseFile(utf8("[{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}]"), UploadFormat.JSON))
			.isInstanceOfSatisfying(InvalidDatasetException.class,
					ex -> assertThat(ex.getBody().getDetail()).contains("at most 2"));
		assertThatThrownBy(() -> strict.parseFile(new byte[201], UploadFormat.JSON))
			.isInstanceOfSatisfying(InvalidDatasetException.class,
					ex -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
	}

	@Test
	void jsonBodyRefusesUnknownPropertiesAndMissingExamples() {
		assertThatThrownBy(() -> parser.parseJsonBody(utf8("{\"name\": \"x\", \"rows\": []}")))
			.hasMessageContaining("Unknown property `rows`");
		assertThatThrownBy(() -> parser.parseJsonBody(utf8("{\"name\": \"x\"}")))
			.hasMessageContaining("lacks the `examples`");
		assertThatThrownBy(() -> parser.parseJsonBody(utf8("[{\"q\": \"a\"}]"))).hasMessageContaining("JSON object");
		assertThatThrownBy(() -> parser.parseJsonBody(utf8("{\"name\": 3, \"examples\": []}")))
			.hasMessageContaining("`name` must be a string");
	}

	@Test
	void formatComesFromExplicitChoiceThenExtensionThenContentType() {
		assertThat(UploadFormat.resolve("CSV", "data.json", "application/json")).isEqualTo(UploadFormat.CSV);
		assertThat(UploadFormat.resolve(null, "train.JSONL", null)).isEqualTo(UploadFormat.JSONL);
		assertThat(UploadFormat.resolve(null, "blob", "text/csv; charset=utf-8")).isEqualTo(UploadFormat.CSV);
		assertThatThrownBy(() -> UploadFormat.resolve(null, "data.xlsx", "application/vnd.ms-excel"))
			.isInstanceOfSatisfying(InvalidDatasetException.class,
					ex -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
		assertThat(UploadFormat.baseName("C:\\data\\qa-train.json")).isEqualTo("qa-train");
	}

}
