package io.mipro.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The checks DSPy's {@code load()} applies to a saved program (miprov2-spec.md 8.3), as assertions: a JSON object;
 * {@code metadata.dependency_versions} present with only python/dspy/cloudpickle keys; an entry for every predictor
 * path with {@code signature} and {@code lm} and no {@code extended_signature}; positional fields matching the
 * program's; demos as a list of objects. The path {@code self} is a bare Predict, which DSPy saves flat: its entry is
 * the top level itself (a {@code "self"} key makes {@code Predict.load} fail with {@code KeyError: 'signature'}).
 */
public final class DspyLoadRules {

	private DspyLoadRules() {
	}

	/** @param fieldsPerPredictor predictor path to the number of fields of its (extended) signature */
	public static void assertLoadable(JsonNode artifact, Map<String, Integer> fieldsPerPredictor) {
		assertThat(artifact.isObject()).as("top level is an object").isTrue();
		JsonNode versions = artifact.path("metadata").path("dependency_versions");
		assertThat(versions.isObject()).as("metadata.dependency_versions exists").isTrue();
		assertThat(versions.propertyNames()).as("only keys load() knows").isSubsetOf(Set.of("python", "dspy", "cloudpickle"));
		fieldsPerPredictor.forEach((path, fields) -> {
			if (path.equals("self")) {
				assertThat(artifact.has("self")).as("a bare Predict has no `self` key").isFalse();
			}
			JsonNode entry = path.equals("self") ? artifact : artifact.path(path);
			assertThat(entry.isObject()).as("entry for predictor %s", path).isTrue();
			assertThat(entry.has("signature")).as("%s.signature", path).isTrue();
			assertThat(entry.has("lm")).as("%s.lm", path).isTrue();
			assertThat(entry.has("extended_signature")).as("%s has no extended_signature", path).isFalse();
			assertThat(entry.path("signature").path("instructions").isString()).isTrue();
			JsonNode fieldList = entry.path("signature").path("fields");
			assertThat(fieldList.isArray()).isTrue();
			assertThat(fieldList.size()).as("%s positional fields", path).isEqualTo(fields);
			for (JsonNode field : fieldList) {
				assertThat(field.path("prefix").isString()).isTrue();
				assertThat(field.path("description").isString()).isTrue();
			}
			assertThat(entry.path("demos").isArray()).isTrue();
			for (JsonNode demo : entry.path("demos")) {
				assertThat(demo.isObject()).isTrue();
			}
			assertThat(entry.path("traces").isArray()).isTrue();
			assertThat(entry.path("train").isArray()).isTrue();
		});
	}

}
