package io.mipro.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.support.DspyLoadRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DspyArtifactTests {

	@Test
	void chainOfThoughtProgramInDspysSavedFormat() {
		Predictor predictor = Predictor.single(ModuleKind.CHAIN_OF_THOUGHT,
				Signature.parse("question -> answer", "You are a careful tutor. Answer concisely."))
			.withDemos(List.of(new Demo(Map.of("question", "What is 3+4?", "reasoning", "3 plus 4 equals 7.", "answer", "7"), true),
					Demo.labeled(Example.of("question", "Capital of France?", "answer", "Paris"))));

		Map<String, Object> artifact = DspyArtifact.of(Program.of(predictor), Map.of("job_id", "j1"));
		JsonNode json = JsonMapper.builder().build().valueToTree(artifact);

		DspyLoadRules.assertLoadable(json, Map.of("predict", 3));
		JsonNode entry = json.get("predict");
		assertThat(entry.get("lm").isNull()).isTrue();
		assertThat(entry.get("demos").get(0).propertyNames().iterator().next()).isEqualTo("augmented");
		assertThat(entry.get("demos").get(0).get("augmented").asBoolean()).isTrue();
		assertThat(entry.get("demos").get(1).has("augmented")).isFalse();
		assertThat(entry.get("signature").get("instructions").asString()).isEqualTo("You are a careful tutor. Answer concisely.");
		assertThat(entry.get("signature").get("fields").toString()).isEqualTo("[{\"prefix\":\"Question:\",\"description\":\"${question}\"},"
				+ "{\"prefix\":\"Reasoning:\",\"description\":\"${reasoning}\"},{\"prefix\":\"Answer:\",\"description\":\"${answer}\"}]");
		assertThat(json.get("metadata").get("dependency_versions").size()).isZero();
		assertThat(json.get("mipro_service").get("format_version").asInt()).isEqualTo(1);
		assertThat(json.get("mipro_service").get("job_id").asString()).isEqualTo("j1");
		assertThat(json.propertyNames()).containsExactly("predict", "metadata", "mipro_service");
	}

	@Test
	void aBarePredictIsSavedUnderSelf() {
		Map<String, Object> artifact = DspyArtifact.of(
				Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("context, question -> answer"))), Map.of());
		DspyLoadRules.assertLoadable(JsonMapper.builder().build().valueToTree(artifact), Map.of("self", 3));
	}

	@Test
	void isWrittenLikeDspysOwnSaves() {
		Map<String, Object> artifact = DspyArtifact.of(
				Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("question -> answer"))), Map.of());

		String text = DspyArtifact.toJson(artifact, JsonMapper.builder().build());

		assertThat(text).startsWith("{\n  \"self\": {\n    \"traces\": [],\n    \"train\": [],")
			.contains("\"lm\": null")
			.contains("\"dependency_versions\": {}")
			.endsWith("}\n");
	}

}
