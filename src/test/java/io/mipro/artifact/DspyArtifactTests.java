package io.mipro.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.support.SharedData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our artifact against programs DSPy 3.3.1 saved itself ({@code ../shared/fixtures/dspy}): for the same program the
 * files must be the same, key by key and value by value, except {@code metadata.dependency_versions} (the versions of
 * the machine that saved it; we write none) and our provenance key.
 */
class DspyArtifactTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Demo LOIRE = augmented("context", "The Loire is the longest river in France, at 1,006 km.", "question",
			"How long is the Loire?", "answer", "1,006 km");

	/** The programs the fixtures' README describes. */
	static final Program PREDICT = Program.of(Predictor.single(ModuleKind.PREDICT,
			Signature.parse("context, question -> answer",
					"Answer the question with the shortest span copied from the context."))
		.withDemos(List.of(LOIRE, new Demo(Map.of("context", "Ada Lovelace wrote the first published algorithm in 1843.",
				"question", "When did Ada Lovelace publish her algorithm?", "answer", "1843"), false))));

	static final Program CHAIN_OF_THOUGHT = Program.of(Predictor.single(ModuleKind.CHAIN_OF_THOUGHT,
			Signature.parse("context, question -> answer", "Think briefly, then answer with a span of the context."))
		.withDemos(List.of(augmented("context", "The Loire is the longest river in France, at 1,006 km.", "question",
				"How long is the Loire?", "reasoning", "The context states the length directly.", "answer",
				"1,006 km"))));

	static final Program TWO_STAGE = Program.pipeline(List.of(
			Predictor.named("find", ModuleKind.PREDICT, Signature.parse("context, question -> evidence",
					"Copy the sentence of the context that answers the question."))
				.withDemos(List.of(augmented("context",
						"The Loire is the longest river in France, at 1,006 km. It rises in the Massif Central.",
						"question", "How long is the Loire?", "evidence",
						"The Loire is the longest river in France, at 1,006 km."))),
			Predictor.named("respond", ModuleKind.CHAIN_OF_THOUGHT,
					Signature.parse("evidence, question -> answer", "Answer from the evidence alone."))));

	static Demo augmented(String... keysAndValues) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			values.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return new Demo(values, true);
	}

	static JsonNode fixture(String name) throws Exception {
		return JSON.readTree(Files.readString(SharedData.dspyFixture(name)));
	}

	static JsonNode ours(Program program) {
		return JSON.readTree(DspyArtifact.toJson(DspyArtifact.of(program, Map.of("job_id", "j1")), JSON));
	}

	/** Both files without what may differ: the saving machine's versions and our provenance. */
	static JsonNode comparable(JsonNode file) {
		ObjectNode copy = (ObjectNode) file.deepCopy();
		copy.remove(DspyArtifact.PROVENANCE_KEY);
		((ObjectNode) copy.get("metadata")).putObject("dependency_versions");
		return copy;
	}

	@Test
	void aPredictIsSavedFlatExactlyAsDspySavesIt() throws Exception {
		JsonNode ours = ours(PREDICT);

		assertThat(ours.propertyNames()).containsExactly("traces", "train", "demos", "signature", "lm", "metadata",
				DspyArtifact.PROVENANCE_KEY);
		assertThat(comparable(ours)).isEqualTo(comparable(fixture("predict.json")));
	}

	@Test
	void aChainOfThoughtIsSavedUnderPredictExactlyAsDspySavesIt() throws Exception {
		JsonNode ours = ours(CHAIN_OF_THOUGHT);

		assertThat(ours.propertyNames()).containsExactly("predict", "metadata", DspyArtifact.PROVENANCE_KEY);
		assertThat(comparable(ours)).isEqualTo(comparable(fixture("chain_of_thought.json")));
	}

	@Test
	void aPipelineHasOneEntryPerPredictorPathExactlyAsDspySavesIt() throws Exception {
		JsonNode ours = ours(TWO_STAGE);

		assertThat(ours.propertyNames()).containsExactly("find", "respond.predict", "metadata",
				DspyArtifact.PROVENANCE_KEY);
		assertThat(comparable(ours)).isEqualTo(comparable(fixture("two_stage_module.json")));
	}

	@Test
	void keyOrderAndLayoutAreDspys() throws Exception {
		String text = DspyArtifact.toJson(DspyArtifact.of(TWO_STAGE, Map.of()), JSON);
		String dspy = Files.readString(SharedData.dspyFixture("two_stage_module.json"));

		// identical text up to the metadata block
		assertThat(text.substring(0, text.indexOf("\"metadata\""))).isEqualTo(dspy.substring(0, dspy.indexOf("\"metadata\"")));
		assertThat(text).contains("\"dependency_versions\": {}").endsWith("}\n");
		assertThat(ours(TWO_STAGE).get(DspyArtifact.PROVENANCE_KEY).get("format_version").asInt())
			.isEqualTo(DspyArtifact.FORMAT_VERSION);
	}

	@Test
	void typedDemoValuesAreSavedAsJsonTypes() {
		Program typed = Program.of(Predictor.single(ModuleKind.PREDICT, Signature.parse("text -> count: int, ok: bool, score: float"))
			.withDemos(List.of(augmented("text", "x", "count", "8", "ok", "True", "score", "0.5"))));

		JsonNode demo = ours(typed).get("demos").get(0);

		assertThat(demo.toString()).isEqualTo("{\"augmented\":true,\"text\":\"x\",\"count\":8,\"ok\":true,\"score\":0.5}");
	}

	@Test
	void theImportReadsEveryFixtureBackIntoTheSameProgram() throws Exception {
		for (Map.Entry<String, Program> fixture : Map.of("predict.json", PREDICT, "chain_of_thought.json",
				CHAIN_OF_THOUGHT, "two_stage_module.json", TWO_STAGE).entrySet()) {
			Program shape = withoutInstructionsAndDemos(fixture.getValue());

			Program read = DspyProgramReader.read(shape, map(fixture(fixture.getKey())));

			assertThat(read).as(fixture.getKey()).isEqualTo(fixture.getValue());
		}
	}

	@Test
	void theImportRefusesWhatDspyWouldRefuseNamingThePredictor() throws Exception {
		Map<String, Object> twoStage = map(fixture("two_stage_module.json"));
		Program shape = withoutInstructionsAndDemos(TWO_STAGE);

		assertThatThrownBy(() -> DspyProgramReader.read(withoutInstructionsAndDemos(PREDICT), twoStage))
			.hasMessageContaining("no entry `self`")
			.hasMessageContaining("saved flat");
		Map<String, Object> noRespond = new java.util.LinkedHashMap<>(twoStage);
		noRespond.remove("respond.predict");
		assertThatThrownBy(() -> DspyProgramReader.read(shape, noRespond)).hasMessageContaining("`respond.predict`")
			.hasMessageContaining("module `respond`");
		Program threeFieldFind = Program.pipeline(List.of(
				Predictor.named("find", ModuleKind.PREDICT, Signature.parse("context -> evidence")),
				Predictor.named("respond", ModuleKind.CHAIN_OF_THOUGHT, Signature.parse("evidence, question -> answer"))));
		assertThatThrownBy(() -> DspyProgramReader.read(threeFieldFind, twoStage))
			.hasMessageContaining("`find.signature.fields` has 3 fields");
		Map<String, Object> noMetadata = new java.util.LinkedHashMap<>(twoStage);
		noMetadata.remove("metadata");
		assertThatThrownBy(() -> DspyProgramReader.read(shape, noMetadata)).hasMessageContaining("dependency_versions");
	}

	static Program withoutInstructionsAndDemos(Program program) {
		Program shape = program;
		for (int i = 0; i < program.size(); i++) {
			shape = shape.with(i, program.predictor(i).withInstructions(null).withDemos(List.of()));
		}
		return shape;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(JsonNode node) {
		return JSON.convertValue(node, Map.class);
	}

}
