package io.mipro.program.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.mipro.support.DspyLoadRules;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The program registry and serving over real HTTP on the simulated model. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgramApiTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String QA_SPEC = "{\"signature\": \"context, question -> answer\"}";

	static final String CONTEXT = "The Amazon river flows through Brazil. It is the largest river by discharge.";

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	static String train;

	static String dev;

	/** A SUCCEEDED job, shared by the tests. */
	static String job;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		client = new JobClient(http);
		if (train == null) {
			train = client.upload(Path.of("data/train.json"));
			dev = client.upload(Path.of("data/dev.json"));
			job = client.submit(JobClient.qaJob(train, dev, null, null));
			assertThat(client.awaitEnd(job, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("SUCCEEDED");
		}
	}

	private JsonNode register() {
		Http.Response response = http.post("/api/jobs/" + job + "/programs", "application/json", new byte[0]);
		assertThat(response.status()).as(response.body()).isIn(200, 201);
		return response.json();
	}

	private String bestProgram() {
		return register().get(0).get("id").asString();
	}

	@Test
	void aSucceededJobsProgramsAreRegisteredOnceAndDescribeTheJob() {
		JsonNode first = register();
		assertThat(first.size()).isEqualTo(2);
		assertThat(first.get(0).get("source").asString()).isEqualTo("job-best");
		assertThat(first.get(1).get("source").asString()).isEqualTo("job-baseline");
		assertThat(first.get(0).get("jobId").asString()).isEqualTo(job);
		assertThat(first.get(0).get("name").asString()).isEqualTo("qa (best)");
		assertThat(first.get(0).get("taskModel").get("model").asString()).isEqualTo("gpt-task");
		assertThat(first.get(0).get("program").get("signature").asString()).isEqualTo("context, question -> answer");
		// the baseline is the job's starting program: its instructions and no demos
		JsonNode baseline = first.get(1).get("predictors").get(0);
		assertThat(baseline.get("instructions").asString()).isEqualTo("Answer the question based on the given context.");
		assertThat(baseline.get("demos").asInt()).isZero();
		// the best program is the job's artifact
		JsonNode artifact = http.get("/api/jobs/" + job + "/artifact").json();
		JsonNode best = first.get(0).get("predictors").get(0);
		assertThat(best.get("instructions").asString())
			.isEqualTo(artifact.get("signature").get("instructions").asString());
		assertThat(best.get("demos").asInt()).isEqualTo(artifact.get("demos").size());

		Http.Response again = http.post("/api/jobs/" + job + "/programs", "application/json", new byte[0]);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get(0).get("id")).isEqualTo(first.get(0).get("id"));
		assertThat(again.json().get(1).get("id")).isEqualTo(first.get(1).get("id"));

		JsonNode list = http.get("/api/programs?size=500").json();
		long ofJob = 0;
		for (JsonNode program : list.get("content")) {
			ofJob += job.equals(program.path("jobId").asString(null)) ? 1 : 0;
		}
		assertThat(ofJob).isEqualTo(2);
	}

	@Test
	void registeringProgramsOfAnUnknownOrUnfinishedJobIsRefused() {
		Http.Response unknown = http.post("/api/jobs/" + UUID.randomUUID() + "/programs", "application/json",
				new byte[0]);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();

		String cancelled = client.submit(JobClient.qaJob(train, dev, null, null));
		http.post("/api/jobs/" + cancelled + "/cancel", "application/json", new byte[0]);
		client.awaitEnd(cancelled, Duration.ofMinutes(1));
		Http.Response notDone = http.post("/api/jobs/" + cancelled + "/programs", "application/json", new byte[0]);
		assertThat(notDone.status()).isEqualTo(409);
		assertThat(notDone.json().get("detail").asString()).contains("CANCELLED");
	}

	@Test
	void getDownloadAndDelete() {
		String id = importJobArtifact("to-delete");
		JsonNode program = http.get("/api/programs/" + id).json();
		assertThat(program.get("source").asString()).isEqualTo("import");
		assertThat(program.get("name").asString()).isEqualTo("to-delete");

		Http.Response download = http.get("/api/programs/" + id + "/artifact");
		assertThat(download.status()).isEqualTo(200);
		DspyLoadRules.assertLoadable(download.json(), java.util.Map.of("self", 3));
		assertThat(download.json().get("mipro_service").get("program").get("id").asString()).isEqualTo(id);
		assertThat(download.json().get("mipro_service").get("program").get("source").asString()).isEqualTo("import");

		assertThat(http.delete("/api/programs/" + id).status()).isEqualTo(204);
		assertThat(http.get("/api/programs/" + id).status()).isEqualTo(404);
		assertThat(http.get("/api/programs/" + id + "/artifact").status()).isEqualTo(404);
		assertThat(http.delete("/api/programs/" + id).status()).isEqualTo(404);
	}

	private String importJobArtifact(String name) {
		String artifact = http.get("/api/jobs/" + job + "/artifact").body();
		Http.Response imported = http.postJson("/api/programs", "{\"name\": \"" + name + "\", \"program\": " + QA_SPEC
				+ ", \"artifact\": " + artifact + ", \"taskModel\": {\"model\": \"gpt-task\", \"temperature\": 0.0}}");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.location()).endsWith("/api/programs/" + imported.json().get("id").asString());
		return imported.json().get("id").asString();
	}

	@Test
	void anImportIsValidatedAgainstItsPipelineSpec() {
		ObjectNode artifact = (ObjectNode) http.get("/api/jobs/" + job + "/artifact").json();
		long before = http.get("/api/programs").json().get("totalElements").asLong();

		assertRefused("{\"artifact\": " + artifact + "}", null, null, "`program` is required");
		assertRefused("{\"program\": " + QA_SPEC + "}", null, "artifact", "`artifact` is required");
		assertRefused("{\"program\": {\"signature\": \"context, question -> answer\", \"module\": \"magic\"}, "
				+ "\"artifact\": " + artifact + "}", null, null, "module");
		assertRefused("{\"program\": {\"fromProgramId\": \"" + UUID.randomUUID() + "\"}, \"artifact\": " + artifact + "}",
				null, "program.fromProgramId", "for jobs");
		// a pipeline spec whose predictors the file does not have
		assertRefused("{\"program\": {\"modules\": [{\"name\": \"find\", \"signature\": \"context, question -> evidence\"},"
				+ " {\"name\": \"answer\", \"signature\": \"evidence, question -> answer\"}]}, \"artifact\": " + artifact
				+ "}", null, "artifact", "no entry `find`");
		// fields that do not match: the file has three, this signature four
		assertRefused("{\"program\": {\"signature\": \"context, question, title -> answer\"}, \"artifact\": " + artifact
				+ "}", null, "artifact", "has 3 fields");
		// a chain of thought is saved under `predict`, so a Predict's file does not fit it
		assertRefused("{\"program\": {\"signature\": \"context, question -> answer\", \"module\": \"chain_of_thought\"},"
				+ " \"artifact\": " + artifact + "}", null, "artifact", "no entry `predict`");
		ObjectNode badDemo = artifact.deepCopy();
		badDemo.putArray("demos").addObject().put("unrelated", "x");
		assertRefused("{\"program\": " + QA_SPEC + ", \"artifact\": " + badDemo + "}", "self", "artifact",
				"demos[0]");
		ObjectNode notObject = artifact.deepCopy();
		notObject.putArray("demos").add("a string");
		assertRefused("{\"program\": " + QA_SPEC + ", \"artifact\": " + notObject + "}", null, "artifact",
				"is not an object");
		ObjectNode noMetadata = artifact.deepCopy();
		noMetadata.remove("metadata");
		assertRefused("{\"program\": " + QA_SPEC + ", \"artifact\": " + noMetadata + "}", null, "artifact",
				"dependency_versions");
		assertRefused("{\"program\": " + QA_SPEC + ", \"artifact\": " + artifact + ", \"taskModel\": {\"model\": \""
				+ "x".repeat(300) + "\"}}", null, "taskModel.model", "too long");

		assertThat(http.get("/api/programs").json().get("totalElements").asLong()).isEqualTo(before);
	}

	private void assertRefused(String body, String module, String field, String detail) {
		Http.Response response = http.postJson("/api/programs", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains(detail);
		if (module != null) {
			assertThat(response.json().get("module").asString()).isEqualTo(module);
		}
		if (field != null) {
			assertThat(response.json().get("field").asString()).isEqualTo(field);
		}
	}

	@Test
	void predictRunsTheProgramAndCountsItsCalls() {
		String id = bestProgram();
		String body = "{\"inputs\": {\"context\": \"" + CONTEXT + "\", \"question\": \"Which river flows through "
				+ "Brazil?\"}, \"taskModel\": {\"model\": \"serve-" + UUID.randomUUID() + "\"}}";
		Http.Response first = http.postJson("/api/programs/" + id + "/predict", body);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		JsonNode answer = first.json();
		assertThat(answer.get("outputs").get("answer").asString()).isNotBlank();
		assertThat(answer.get("parseFailed").asBoolean()).isFalse();
		assertThat(answer.get("trace").size()).isEqualTo(1);
		assertThat(answer.get("trace").get(0).get("module").asString()).isEqualTo("self");
		assertThat(answer.get("trace").get(0).get("inputs").get("question").asString()).contains("Which river");
		assertThat(answer.get("trace").get(0).get("outputs").get("answer"))
			.isEqualTo(answer.get("outputs").get("answer"));
		assertThat(answer.get("usage").get("taskModelCalls").asLong()).isEqualTo(1);
		assertThat(answer.get("usage").get("cachedCalls").asLong()).isZero();
		assertThat(answer.get("usage").get("inputTokens").asLong()).isPositive();

		// the same request again is answered from the response cache, as in jobs
		JsonNode again = http.postJson("/api/programs/" + id + "/predict", body).json();
		assertThat(again.get("outputs")).isEqualTo(answer.get("outputs"));
		assertThat(again.get("usage").get("taskModelCalls").asLong()).isZero();
		assertThat(again.get("usage").get("cachedCalls").asLong()).isEqualTo(1);
	}

	@Test
	void predictRefusesMissingAndMalformedInputs() {
		String id = bestProgram();
		Http.Response missing = http.postJson("/api/programs/" + id + "/predict",
				"{\"inputs\": {\"context\": \"" + CONTEXT + "\"}}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("field").asString()).isEqualTo("inputs.question");
		assertThat(missing.json().get("detail").asString()).contains("[context, question]");

		Http.Response object = http.postJson("/api/programs/" + id + "/predict",
				"{\"inputs\": {\"context\": {\"nested\": 1}, \"question\": \"q\"}}");
		assertThat(object.status()).isEqualTo(400);
		assertThat(object.json().get("field").asString()).isEqualTo("inputs.context");

		Http.Response none = http.postJson("/api/programs/" + id + "/predict", "{}");
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.json().get("field").asString()).isEqualTo("inputs");

		assertThat(http.postJson("/api/programs/" + UUID.randomUUID() + "/predict",
				"{\"inputs\": {\"context\": \"c\", \"question\": \"q\"}}").status()).isEqualTo(404);
	}

	@Test
	void aBatchAnswersInInputOrderAsSinglePredictionsWould() {
		String id = bestProgram();
		StringBuilder inputs = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			inputs.append(i == 0 ? "" : ", ")
				.append("{\"context\": \"Item ").append(i).append(" is stored in room ").append(100 + i)
				.append(". The weather is mild.\", \"question\": \"Where is item ").append(i).append(" stored?\"}");
		}
		String model = "batch-" + UUID.randomUUID();
		Http.Response batch = http.postJson("/api/programs/" + id + "/predict/batch",
				"{\"inputs\": [" + inputs + "], \"taskModel\": {\"model\": \"" + model + "\"}}");
		assertThat(batch.status()).as(batch.body()).isEqualTo(200);
		JsonNode predictions = batch.json().get("predictions");
		assertThat(predictions.size()).isEqualTo(12);
		assertThat(batch.json().get("usage").get("taskModelCalls").asLong()).isEqualTo(12);
		for (int i = 0; i < 12; i++) {
			assertThat(predictions.get(i).get("trace").get(0).get("inputs").get("question").asString())
				.isEqualTo("Where is item " + i + " stored?");
		}
		// one of them alone gives the same answer (from the cache the batch filled)
		JsonNode single = http.postJson("/api/programs/" + id + "/predict", "{\"inputs\": "
				+ JSON.readTree("[" + inputs + "]").get(5) + ", \"taskModel\": {\"model\": \"" + model + "\"}}").json();
		assertThat(single.get("outputs")).isEqualTo(predictions.get(5).get("outputs"));
		assertThat(single.get("usage").get("cachedCalls").asLong()).isEqualTo(1);
	}

	@Test
	void aBatchHasOneToAHundredInputsEachComplete() {
		String id = bestProgram();
		Http.Response empty = http.postJson("/api/programs/" + id + "/predict/batch", "{\"inputs\": []}");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("field").asString()).isEqualTo("inputs");

		String one = "{\"context\": \"c\", \"question\": \"q\"}";
		String many = String.join(", ", java.util.Collections.nCopies(101, one));
		Http.Response tooMany = http.postJson("/api/programs/" + id + "/predict/batch", "{\"inputs\": [" + many + "]}");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().get("detail").asString()).contains("101").contains("100");

		Http.Response incomplete = http.postJson("/api/programs/" + id + "/predict/batch",
				"{\"inputs\": [" + one + ", {\"context\": \"c\"}]}");
		assertThat(incomplete.status()).isEqualTo(400);
		assertThat(incomplete.json().get("field").asString()).isEqualTo("inputs[1].question");
	}

}
