package io.mipro.program.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.mipro.artifact.DspyProgramReader;
import io.mipro.job.JobRequest;
import io.mipro.job.internal.ProgramPlanner;
import io.mipro.optimizer.program.ChatAdapter;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.OpenAiMock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Programs through the real Spring AI OpenAI client against an OpenAI-compatible server on loopback: a finished
 * job's artifact imported, served and evaluated; and a stage-2 job from a stage-1 program with other models.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgramOpenAiTests {

	static final OpenAiMock openAi = new OpenAiMock();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> "sk-test-programs-0123456789");
		// a provider that is down fails a run quickly (the other tests inject no faults)
		registry.add("mipro.llm.retry.initial-backoff", () -> "5ms");
		registry.add("mipro.llm.retry.max-backoff", () -> "20ms");
		registry.add("mipro.llm.retry.max-attempts", () -> "3");
	}

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aFinishedJobsArtifactImportedServesTheMocksAnswerAndEvaluatesToTheJobsScore() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String job = client.submit(JobClient.qaJob(train, dev, null, null));
		JsonNode finished = client.awaitEnd(job, Duration.ofMinutes(3));
		assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
		assertThat(finished.get("provider").asString()).isEqualTo("openai");

		String artifact = http.get("/api/jobs/" + job + "/artifact").body();
		Http.Response imported = http.postJson("/api/programs", "{\"name\": \"stage-1\", \"program\": "
				+ "{\"signature\": \"context, question -> answer\"}, \"artifact\": " + artifact
				+ ", \"taskModel\": {\"model\": \"gpt-task\", \"temperature\": 0.0}}");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		String program = imported.json().get("id").asString();

		// predict with a model the job never used, so the answer comes from the server now
		JsonNode example = http.get("/api/datasets/" + dev + "/examples?page=0&size=1").json().get("content").get(0);
		Map<String, String> inputs = new LinkedHashMap<>();
		inputs.put("context", example.get("context").asString());
		inputs.put("question", example.get("question").asString());
		int before = openAi.requests("gpt-serve");
		Http.Response predicted = http.postJson("/api/programs/" + program + "/predict", "{\"inputs\": "
				+ JSON.writeValueAsString(inputs) + ", \"taskModel\": {\"model\": \"gpt-serve\"}}");
		assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
		assertThat(openAi.requests("gpt-serve")).isEqualTo(before + 1);
		assertThat(predicted.json().get("usage").get("taskModelCalls").asLong()).isEqualTo(1);

		// the server was sent the imported program's prompt (its instructions and demos), and its answer came back
		Program read = DspyProgramReader.read(
				ProgramPlanner.program(new JobRequest.ProgramSpec("context, question -> answer", null, null, null)),
				JSON.readValue(artifact, new TypeReference<LinkedHashMap<String, Object>>() {
				}));
		Predictor predictor = read.predictor(0);
		OpenAiMock.Exchange exchange = openAi.lastExchange("gpt-serve");
		assertThat(exchange.messages())
			.isEqualTo(ChatAdapter.format(predictor.effectiveSignature(), predictor.demos(), inputs));
		String mockAnswer = ChatAdapter.parse(predictor.effectiveSignature(), exchange.answer()).get("answer");
		assertThat(predicted.json().get("outputs").get("answer").asString()).isEqualTo(mockAnswer);

		// the same program on the job's dev set scores what the job's full evaluation scored
		Http.Response run = http.postJson("/api/evaluations", "{\"programId\": \"" + program + "\", \"datasetId\": \""
				+ dev + "\", \"metric\": \"exact_match\"}");
		assertThat(run.status()).as(run.body()).isEqualTo(202);
		JsonNode evaluation = awaitEvaluation(http, run.json().get("id").asString());
		assertThat(evaluation.get("status").asString()).as(evaluation.toString()).isEqualTo("SUCCEEDED");
		assertThat(evaluation.get("score").asDouble()).isCloseTo(finished.get("bestScore").asDouble(), within(0.01));
		assertThat(evaluation.get("simulated").asBoolean()).isFalse();
	}

	@Test
	void aStageTwoJobFromAStageOneProgramRunsWithItsOwnModelsAndNamesItsOrigin() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String stage1 = client.submit(JobClient.qaJob(train, dev, null, null));
		assertThat(client.awaitEnd(stage1, Duration.ofMinutes(3)).get("status").asString()).isEqualTo("SUCCEEDED");
		Http.Response registered = http.post("/api/jobs/" + stage1 + "/programs", "application/json", new byte[0]);
		assertThat(registered.status()).isIn(200, 201);
		JsonNode best = registered.json().get(0);
		String bestId = best.get("id").asString();

		int task2Before = openAi.requests("gpt-task-2");
		int teacherBefore = openAi.requests("gpt-teacher");
		int task1Before = openAi.requests("gpt-task");
		String stage2 = client.submit("""
				{"name": "stage-2", "trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"fromProgramId": "%s"}, "metric": "exact_match",
				 "optimizer": {"auto": "light", "seed": 9, "strategy": "reference"},
				 "promptModel": {"model": "gpt-prompt"}, "taskModel": {"model": "gpt-task-2", "temperature": 0.0},
				 "teacherModel": {"model": "gpt-teacher", "temperature": 0.0}}""".formatted(train, dev, bestId));
		JsonNode view = client.awaitEnd(stage2, Duration.ofMinutes(3));
		assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
		assertThat(view.get("fromProgramId").asString()).isEqualTo(bestId);
		assertThat(view.get("originJobId").asString()).isEqualTo(stage1);
		assertThat(view.get("teacherModel").get("model").asString()).isEqualTo("gpt-teacher");

		// the other task model ran the program, the teacher bootstrapped, the stage-1 model was not used
		int task2 = openAi.requests("gpt-task-2") - task2Before;
		int teacher = openAi.requests("gpt-teacher") - teacherBefore;
		assertThat(task2).isPositive();
		assertThat(teacher).isPositive();
		assertThat(openAi.requests("gpt-task")).isEqualTo(task1Before);
		assertThat(view.get("lmUsage").get("taskModelCalls").asLong()).isEqualTo(task2 + teacher);

		// it started from the stage-1 program's instruction and demos
		JsonNode candidates = http.get("/api/jobs/" + stage2 + "/candidates").json();
		assertThat(candidates.get(0).get("instruction").asString())
			.isEqualTo(best.get("predictors").get(0).get("instructions").asString());
		JsonNode sets = http.get("/api/jobs/" + stage2 + "/demo-sets").json();
		int startingDemos = best.get("predictors").get(0).get("demos").asInt();
		assertThat(sets.get(0).get("kind").asString()).isEqualTo(startingDemos == 0 ? "ZERO_SHOT" : "STARTING");
		assertThat(sets.get(0).get("demos").get(0).size()).isEqualTo(startingDemos);

		JsonNode provenance = http.get("/api/jobs/" + stage2 + "/artifact").json().get("mipro_service");
		assertThat(provenance.get("origin").get("program_id").asString()).isEqualTo(bestId);
		assertThat(provenance.get("origin").get("job_id").asString()).isEqualTo(stage1);
		assertThat(provenance.get("teacher_model").get("model").asString()).isEqualTo("gpt-teacher");

		// the stage-2 job's baseline program is the stage-1 program it started from
		JsonNode programs2 = http.post("/api/jobs/" + stage2 + "/programs", "application/json", new byte[0]).json();
		assertThat(programs2.get(1).get("source").asString()).isEqualTo("job-baseline");
		assertThat(programs2.get(1).get("predictors")).isEqualTo(best.get("predictors"));
	}

	@Test
	void aRunFailedByItsProviderResumesOnceTheProviderIsBack() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String dev = client.upload(Path.of("data/dev.json"));
		Http.Response imported = http.postJson("/api/programs", "{\"program\": {\"signature\": \"context, question -> "
				+ "answer\"}, \"artifact\": " + ProgramInUseApiTests.ARTIFACT + ", \"taskModel\": {\"model\": "
				+ "\"gpt-resume\"}}");
		String program = imported.json().get("id").asString();
		String id;
		JsonNode failed;
		try {
			openAi.failAll(503);
			Http.Response run = http.postJson("/api/evaluations",
					"{\"programId\": \"" + program + "\", \"datasetId\": \"" + dev + "\"}");
			id = run.json().get("id").asString();
			failed = awaitEvaluation(http, id);
		}
		finally {
			openAi.failAll(0);
		}
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").asString()).contains("model provider failed");
		assertThat(failed.get("score").isNull()).isTrue();

		Http.Response resumed = http.post("/api/evaluations/" + id + "/resume", "application/json", new byte[0]);
		assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
		assertThat(resumed.json().get("status").asString()).isEqualTo("QUEUED");
		JsonNode done = awaitEvaluation(http, id);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("evaluated").asInt()).isEqualTo(20);
		assertThat(done.get("error").isNull()).isTrue();
		assertThat(http.get("/api/evaluations/" + id + "/results?size=50").json().get("content").size()).isEqualTo(20);

		Http.Response again = http.post("/api/evaluations/" + id + "/resume", "application/json", new byte[0]);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).contains("only a FAILED run");
		assertThat(http.post("/api/evaluations/" + java.util.UUID.randomUUID() + "/resume", "application/json",
				new byte[0]).status()).isEqualTo(404);
	}

	private static JsonNode awaitEvaluation(Http http, String id) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
			last.set(http.get("/api/evaluations/" + id).json());
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(last.get().get("status").asString());
		});
		return last.get();
	}

}
