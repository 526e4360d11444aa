package io.mipro.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema checker the contract tests rely on finds what it must find. */
class SchemaCheckTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SchemaCheck check = new SchemaCheck(JSON.readTree("""
			{"components": {"schemas": {
			  "Event": {"type": "object", "additionalProperties": false, "required": ["number"],
			            "properties": {"number": {"type": "integer"}, "kind": {"type": "string", "enum": ["a", "b"]},
			                           "params": {"type": "object", "additionalProperties": {"type": "integer"}},
			                           "scores": {"type": "array", "items": {"type": "number"}},
			                           "next": {"$ref": "#/components/schemas/Event"}}}}}}"""));

	private JsonNode json(String text) {
		return JSON.readTree(text);
	}

	@Test
	void aValueThatFitsHasNoViolations() {
		assertThat(check.violations("#/components/schemas/Event", json("""
				{"number": 1, "kind": "a", "params": {"x": 2}, "scores": [1, 2.5], "next": {"number": 2}, "kind2": null}
				""".replace(", \"kind2\": null", "")))).isEmpty();
		assertThat(check.violations("#/components/schemas/Event", json("{\"number\": 1, \"kind\": null}"))).isEmpty();
	}

	@Test
	void everyKindOfMismatchIsReportedWithItsPath() {
		assertThat(check.violations("#/components/schemas/Event", json("""
				{"kind": "c", "params": {"x": "two"}, "scores": ["high"], "next": {"number": "3"}, "extra": true}
				"""))).containsExactlyInAnyOrder(
						"$.number: required but missing",
						"$.kind: \"c\" is not one of [\"a\",\"b\"]",
						"$.params.x: expected [integer] but was string (\"two\")",
						"$.scores[0]: expected [number] but was string (\"high\")",
						"$.next.number: expected [integer] but was string (\"3\")",
						"$.extra: not documented (additionalProperties is false)");
	}

}
