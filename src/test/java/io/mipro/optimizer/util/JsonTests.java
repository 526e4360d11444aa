package io.mipro.optimizer.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTests {

	@Test
	void findsTheFirstObjectAfterText() {
		assertThat(Json.firstObject("text {not json} then {\"a\": \"x\\n\\u00e9\", \"b\": 2, \"c\": [1, {\"d\": 1.5}], \"e\": true, \"f\": null}"))
			.hasValueSatisfying(object -> {
				assertThat(object).containsEntry("a", "x\né").containsEntry("b", 2L).containsEntry("e", true);
				assertThat(object.get("c")).isEqualTo(List.of(1L, Map.of("d", 1.5)));
				assertThat(object).containsKey("f");
				assertThat(object.get("f")).isNull();
			});
		assertThat(Json.firstObject("none")).isEmpty();
		assertThat(Json.firstObject("[1, 2]")).isEmpty();
	}

	/** The near-JSON DSPy's json_repair reads (issue 13): each repair on its own. */
	@Test
	void repairsWhatDspysJsonAdapterRepairs() {
		assertThat(Json.firstObject("{'answer': 'Paris',}")).contains(Map.of("answer", "Paris"));
		assertThat(Json.firstObject("{\"answer\": \"Paris\"")).contains(Map.of("answer", "Paris"));
		assertThat(Json.firstObject("{\"answer\": \"Par")).contains(Map.of("answer", "Par"));
		assertThat(Json.firstObject("```json\n{\"answer\": \"Paris\"}\n```")).contains(Map.of("answer", "Paris"));
		assertThat(Json.firstObject("Sure! ```\n{answer: 'Paris', // the capital\n}\n``` Anything else?"))
			.contains(Map.of("answer", "Paris"));
		assertThat(Json.firstObject("{\"list\": [1, 2")).contains(Map.of("list", List.of(1L, 2L)));
	}

	@Test
	void bigIntegersStayExact() {
		assertThat(Json.firstObject("{\"n\": 123456789012345678901234567890}"))
			.contains(Map.of("n", new BigInteger("123456789012345678901234567890")));
	}

	@Test
	void writesLikePythonsJsonDumps() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("count", 8L);
		values.put("ok", true);
		values.put("score", 0.5);
		values.put("tiny", 1e-5);
		values.put("text", "é \"q\"\n");
		values.put("none", null);
		values.put("list", List.of(1L, "a"));
		assertThat(Json.dumps(values)).isEqualTo(
				"{\"count\": 8, \"ok\": true, \"score\": 0.5, \"tiny\": 1e-05, \"text\": \"é \\\"q\\\"\\n\", \"none\": null, \"list\": [1, \"a\"]}");
		assertThat(Json.dumpsIndented(Map.of("answer", "Paris"))).isEqualTo("{\n  \"answer\": \"Paris\"\n}");
		assertThat(Json.dumpsIndented(Map.of("l", List.of(1L)))).isEqualTo("{\n  \"l\": [\n    1\n  ]\n}");
		assertThat(Json.dumps(Map.of())).isEqualTo("{}");
		assertThat(Json.quote("\u0001\t")).isEqualTo("\"\\u0001\\t\"");
	}

}
