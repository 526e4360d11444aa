package io.mipro.evaluation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Evaluation runs over real HTTP on the simulated model. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluationApiTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	static String train;

	static String dev;

	static String job;

	static String best;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		client = new JobClient(http);
		if (train == null) {
			train = client.upload(Path.of("data/train.json"));
			dev = client.upload(Path.of("data/dev.json"));
			job = client.submit(JobClient.qaJob(train, dev, null, null));
			assertThat(client.awaitEnd(job, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("SUCCEEDED");
			best = http.post("/api/jobs/" + job + "/programs", "application/json", new byte[0]).json().get(0).get("id")
				.asString();
		}
	}

	private String submit(String body) {
		Http.Response response = http.postJson("/api/evaluations", body);
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		assertThat(response.location()).endsWith("/api/evaluations/" + response.json().get("id").asString());
		return response.json().get("id").asString();
	}

	private JsonNode awaitEnd(String id) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
			last.set(http.get("/api/evaluations/" + id).json());
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(last.get().get("status").asString());
		});
		return last.get();
	}

	@Test
	void theJobsBestProgramScoresTheJobsBestScoreOnItsDevSet() {
		JsonNode jobView = client.job(job);
		String id = submit("{\"programId\": \"" + best + "\", \"datasetId\": \"" + dev + "\", \"metric\": \"exact_match\"}");
		JsonNode run = awaitEnd(id);

		assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
		assertThat(run.get("score").asDouble()).isEqualTo(jobView.get("bestScore").asDouble());
		assertThat(run.get("evaluated").asInt()).isEqualTo(20);
		assertThat(run.get("total").asInt()).isEqualTo(20);
		assertThat(run.get("programId").asString()).isEqualTo(best);
		assertThat(run.get("taskModel").asString()).isEqualTo("gpt-task");
		assertThat(run.get("simulated").asBoolean()).isTrue();
		// the job's full evaluation of this program answered every call: the run is served from the cache
		assertThat(run.get("lmUsage").get("cachedCalls").asLong()).isGreaterThanOrEqualTo(20);

		JsonNode page = http.get("/api/evaluations/" + id + "/results?page=1&size=8").json();
		assertThat(page.get("totalElements").asLong()).isEqualTo(20);
		assertThat(page.get("totalPages").asInt()).isEqualTo(3);
		assertThat(page.get("content").size()).isEqualTo(8);
		assertThat(page.get("content").get(0).get("index").asInt()).isEqualTo(8);
		JsonNode devExamples = http.get("/api/datasets/" + dev + "/examples?page=0&size=50").json().get("content");
		assertThat(page.get("content").get(0).get("example").get("question").asString())
			.isEqualTo(devExamples.get(8).get("question").asString());

		Http.Response jsonl = http.get("/api/evaluations/" + id + "/results.jsonl");
		assertThat(jsonl.status()).isEqualTo(200);
		List<String> lines = jsonl.body().lines().toList();
		assertThat(lines).hasSize(20);
		double sum = 0;
		for (int i = 0; i < lines.size(); i++) {
			JsonNode line = JSON.readTree(lines.get(i));
			assertThat(line.get("index").asInt()).isEqualTo(i);
			sum += line.get("score").asDouble();
			if (!line.get("parseFailed").asBoolean()) {
				assertThat(line.get("prediction").get("answer").isString()).isTrue();
			}
		}
		assertThat(Math.round(sum / 20 * 10_000) / 100.0).isEqualTo(run.get("score").asDouble());

		// runs are not jobs: they are listed under /api/evaluations only
		assertThat(http.get("/api/jobs/" + id).status()).isEqualTo(404);
		assertThat(http.get("/api/jobs?size=500").body()).doesNotContain(id);
		assertThat(http.get("/api/evaluations?size=500").body()).contains(id);
		// and a job is not an evaluation
		assertThat(http.get("/api/evaluations/" + job).status()).isEqualTo(404);

		Http.Response late = http.post("/api/evaluations/" + id + "/cancel", "application/json", new byte[0]);
		assertThat(late.status()).isEqualTo(409);
	}

	@Test
	void anotherModelAndMetricAreUsedWhenNamed() {
		String model = "eval-" + UUID.randomUUID();
		String id = submit("{\"programId\": \"" + best + "\", \"datasetId\": \"" + dev + "\", \"metric\": \"F1\", "
				+ "\"taskModel\": {\"model\": \"" + model + "\"}}");
		JsonNode run = awaitEnd(id);
		assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(run.get("metric").asString()).isEqualTo("f1");
		assertThat(run.get("taskModel").asString()).isEqualTo(model);
		// a model nobody asked before: every example is a call
		assertThat(run.get("lmUsage").get("taskModelCalls").asLong()).isGreaterThanOrEqualTo(20);
		assertThat(run.get("lmUsage").get("cachedCalls").asLong()).isZero();
	}

	@Test
	void aRequestIsCheckedBeforeItIsQueued() {
		long before = http.get("/api/evaluations").json().get("totalElements").asLong();
		assertRefused("{\"datasetId\": \"" + dev + "\"}", "programId", "required");
		assertRefused("{\"programId\": \"" + best + "\"}", "datasetId", "required");
		assertRefused("{\"programId\": \"" + UUID.randomUUID() + "\", \"datasetId\": \"" + dev + "\"}", "programId",
				"no program");
		assertRefused("{\"programId\": \"" + best + "\", \"datasetId\": \"" + UUID.randomUUID() + "\"}", "datasetId",
				"no dataset");
		assertRefused("{\"programId\": \"" + best + "\", \"datasetId\": \"" + dev + "\", \"metric\": \"bleu\"}",
				"metric", "bleu");
		assertRefused("{\"programId\": \"" + best + "\", \"datasetId\": \"" + dev + "\", \"taskModel\": {\"model\": \""
				+ "m".repeat(300) + "\"}}", "taskModel.model", "too long");
		Http.Response noAnswer = http.upload("/api/datasets", "questions.json", "application/json",
				"[{\"context\": \"c\", \"question\": \"q\"}]".getBytes());
		String questions = noAnswer.json().get("id").asString();
		Http.Response lacking = http.postJson("/api/evaluations",
				"{\"programId\": \"" + best + "\", \"datasetId\": \"" + questions + "\"}");
		assertThat(lacking.status()).isEqualTo(400);
		assertThat(lacking.json().get("field").asString()).isEqualTo("answer");
		assertThat(lacking.json().get("detail").asString()).contains("evaluation dataset");
		assertThat(http.get("/api/evaluations").json().get("totalElements").asLong()).isEqualTo(before);
	}

	private void assertRefused(String body, String field, String detail) {
		Http.Response response = http.postJson("/api/evaluations", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("detail").asString()).contains(detail);
	}

	@Test
	void unknownRunsAreNotFound() {
		String unknown = UUID.randomUUID().toString();
		assertThat(http.get("/api/evaluations/" + unknown).status()).isEqualTo(404);
		assertThat(http.get("/api/evaluations/" + unknown + "/results").status()).isEqualTo(404);
		assertThat(http.get("/api/evaluations/" + unknown + "/results.jsonl").status()).isEqualTo(404);
		Http.Response cancel = http.post("/api/evaluations/" + unknown + "/cancel", "application/json", new byte[0]);
		assertThat(cancel.status()).isEqualTo(404);
		assertThat(cancel.isProblem()).isTrue();
	}

}
