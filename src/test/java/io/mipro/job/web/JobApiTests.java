package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.mipro.support.DspyLoadRules;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Jobs over real HTTP on the simulated model: the whole flow, validation, and the read endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobApiTests {

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	static String train;

	static String dev;

	@BeforeEach
	void datasets() {
		http = new Http(port);
		client = new JobClient(http);
		if (train == null) {
			train = client.upload(Path.of("data/train.json"));
			dev = client.upload(Path.of("data/dev.json"));
		}
	}

	private long storedJobs() {
		return http.get("/api/jobs").json().get("totalElements").asLong();
	}

	@Test
	void aJobRunsToTheEndOnTheSimulatedModel() throws Exception {
		String id = client.submit(JobClient.qaJob(train, dev, dev, null));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(1));

		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("phase").asString()).isEqualTo("DONE");
		assertThat(job.get("simulated").asBoolean()).isTrue();
		assertThat(job.get("notice").asString()).contains("Simulated model");
		assertThat(job.get("progress").get("completedTrials").asInt()).isEqualTo(11);
		assertThat(job.get("bestScore").asDouble()).isGreaterThan(job.get("baselineScore").asDouble());
		assertThat(job.get("bestFullEvalTrial").asInt()).isGreaterThan(1);
		assertThat(job.get("testScore").isNumber()).isTrue();
		assertThat(job.get("startedAt").isString()).isTrue();
		assertThat(job.get("finishedAt").isString()).isTrue();

		JsonNode candidates = http.get("/api/jobs/" + id + "/candidates").json();
		assertThat(candidates.get(0).get("original").asBoolean()).isTrue();
		assertThat(candidates.get(0).get("instruction").asString())
			.isEqualTo("Answer the question based on the given context.");
		assertThat(candidates.get(1).get("tip").isString()).isTrue();
		assertThat(candidates.get(1).get("temperature").asDouble()).isEqualTo(1.0);
		assertThat(candidates.get(0).get("fullScores").size()).isPositive();

		JsonNode trials = http.get("/api/jobs/" + id + "/trials").json();
		assertThat(trials.size()).isEqualTo(11);
		assertThat(trials.get(0).get("role").asString()).isEqualTo("baseline");
		assertThat(trials.get(0).get("predictors").get(0).get("instruction").asInt()).isZero();
		assertThat(trials.get(1).get("usage").get("taskModelCalls").asLong()
				+ trials.get(1).get("usage").get("cachedCalls").asLong()).isEqualTo(20);

		JsonNode demoSets = http.get("/api/jobs/" + id + "/demo-sets").json();
		assertThat(demoSets.size()).isEqualTo(6);
		assertThat(demoSets.get(2).get("kind").asString()).isEqualTo("BOOTSTRAPPED");

		Http.Response artifact = http.get("/api/jobs/" + id + "/artifact");
		assertThat(artifact.status()).isEqualTo(200);
		DspyLoadRules.assertLoadable(artifact.json(), Map.of("self", 3));
		JsonNode provenance = artifact.json().get("mipro_service");
		assertThat(provenance.get("simulated").asBoolean()).isTrue();
		assertThat(provenance.get("job_id").asString()).isEqualTo(id);
		assertThat(provenance.get("datasets").get("train").get("content_hash").asString()).hasSize(64);
		assertThat(provenance.get("scores").get("best").asDouble()).isEqualTo(job.get("bestScore").asDouble());
		assertThat(provenance.get("request").get("optimizer").get("seed").asLong()).isEqualTo(9);

		HttpResponse<String> raw = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs/" + id + "/artifact")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(raw.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"mipro-qa-");

		// the event stream replays the whole run and ends with the job
		HttpResponse<String> events = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs/" + id + "/events"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(events.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
		assertThat(events.body()).contains("event:trial").contains("event:new-best").contains("\"status\":\"SUCCEEDED\"");

		assertThat(http.get("/api/jobs?status=SUCCEEDED").json().get("content").toString()).contains(id);
		assertThat(http.get("/api/jobs?status=FAILED").json().get("content").toString()).doesNotContain(id);
		assertThat(http.postJson("/api/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
		assertThat(http.delete("/api/datasets/" + train).status()).as("finished jobs do not pin datasets")
			.isNotEqualTo(409).isNotEqualTo(500);
		train = null;
		assertThat(http.delete("/api/jobs/" + id).status()).isEqualTo(204);
		assertThat(http.get("/api/jobs/" + id).status()).isEqualTo(404);
	}

	static Stream<Arguments> invalidRequests() {
		String ok = "\"trainDatasetId\": \"%s\", \"devDatasetId\": \"%s\"";
		String program = "\"program\": {\"signature\": \"context, question -> answer\"}";
		return Stream.of(
				Arguments.of("unknown dataset", "{\"trainDatasetId\": \"00000000-0000-0000-0000-000000000000\", "
						+ "\"devDatasetId\": \"%2$s\", " + program + "}", "no dataset with id"),
				Arguments.of("missing field", "{" + ok + ", \"program\": {\"signature\": \"context, question -> label\"}}",
						"lacks field `label`"),
				Arguments.of("bad auto", "{" + ok + ", " + program + ", \"optimizer\": {\"auto\": \"extreme\"}}",
						"light, medium or heavy"),
				Arguments.of("numTrials without numCandidates",
						"{" + ok + ", " + program + ", \"optimizer\": {\"auto\": null, \"numTrials\": 5}}",
						"both numCandidates and numTrials"),
				Arguments.of("numCandidates without numTrials",
						"{" + ok + ", " + program + ", \"optimizer\": {\"numCandidates\": 5}}", "numTrials is required"),
				Arguments.of("auto with numCandidates",
						"{" + ok + ", " + program + ", \"optimizer\": {\"auto\": \"light\", \"numCandidates\": 5}}",
						"overridden"),
				Arguments.of("zero minibatch", "{" + ok + ", " + program + ", \"optimizer\": {\"minibatchSize\": 0}}",
						"minibatchSize"),
				Arguments.of("hot temperature",
						"{" + ok + ", " + program + ", \"optimizer\": {\"initTemperature\": 5}}", "initTemperature"),
				Arguments.of("negative demos",
						"{" + ok + ", " + program + ", \"optimizer\": {\"maxBootstrappedDemos\": -1}}",
						"maxBootstrappedDemos"),
				Arguments.of("negative seed", "{" + ok + ", " + program + ", \"optimizer\": {\"seed\": -1}}", "seed"),
				Arguments.of("huge threads", "{" + ok + ", " + program + ", \"optimizer\": {\"numThreads\": 100000}}",
						"numThreads"),
				Arguments.of("minibatch larger than dev", "{" + ok + ", " + program
						+ ", \"optimizer\": {\"auto\": null, \"numCandidates\": 4, \"numTrials\": 4, \"minibatchSize\": 50}}",
						"larger than the validation set"),
				Arguments.of("bad metric", "{" + ok + ", " + program + ", \"metric\": \"bleu\"}", "unknown metric"),
				Arguments.of("bad signature", "{" + ok + ", \"program\": {\"signature\": \"no arrow here\"}}", "->"),
				Arguments.of("bad module", "{" + ok + ", \"program\": {\"signature\": \"question -> answer\", "
						+ "\"module\": \"react\"}}", "unknown module"),
				Arguments.of("missing signature", "{" + ok + "}", "program.signature"),
				Arguments.of("missing train", "{\"devDatasetId\": \"%2$s\", " + program + "}", "trainDatasetId"),
				Arguments.of("task temperature", "{" + ok + ", " + program + ", \"taskModel\": {\"temperature\": 3}}",
						"temperature"),
				Arguments.of("unknown property", "{" + ok + ", " + program + ", \"optimiser\": {}}",
						"Unknown property `optimiser`"),
				Arguments.of("wrong type", "{" + ok + ", " + program + ", \"optimizer\": {\"seed\": \"abc\"}}",
						"`optimizer.seed`"),
				Arguments.of("malformed JSON", "{" + ok + ", " + program, "Malformed JSON"),
				Arguments.of("bad UUID", "{\"trainDatasetId\": \"not-a-uuid\"}", "`trainDatasetId`"),
				Arguments.of("reasoning in a chain of thought", "{" + ok + ", \"program\": {\"signature\": "
						+ "\"question -> reasoning, answer\", \"module\": \"chain_of_thought\"}}", "reasoning"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void invalidRequestsAreProblemsAndStoreNothing(String name, String body, String detail) {
		long before = storedJobs();

		Http.Response response = http.postJson("/api/jobs", body.formatted(train, dev));

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains(detail);
		assertThat(storedJobs()).isEqualTo(before);
	}

	@Test
	void apiDocsDescribeEveryJobEndpointWithAnExample() {
		JsonNode docs = http.get("/v3/api-docs").json();
		JsonNode paths = docs.get("paths");
		assertThat(paths.get("/api/jobs").has("post")).isTrue();
		assertThat(paths.get("/api/jobs").has("get")).isTrue();
		for (String path : new String[] { "/api/jobs/{id}", "/api/jobs/{id}/candidates", "/api/jobs/{id}/demo-sets",
				"/api/jobs/{id}/trials", "/api/jobs/{id}/events", "/api/jobs/{id}/artifact" }) {
			assertThat(paths.get(path).has("get")).as(path).isTrue();
		}
		assertThat(paths.get("/api/jobs/{id}/cancel").has("post")).isTrue();
		assertThat(paths.get("/api/jobs/{id}").has("delete")).isTrue();
		assertThat(paths.get("/api/jobs").get("post").get("requestBody").toString()).contains("example");
		assertThat(docs.get("components").get("schemas").has("JobView")).isTrue();
		assertThat(docs.get("components").get("schemas").get("JobRequest").get("properties").has("optimizer")).isTrue();
	}

	@Test
	void unknownAndMalformedJobIdsAreProblems() {
		String unknown = "/api/jobs/00000000-0000-0000-0000-000000000000";
		for (String path : new String[] { unknown, unknown + "/trials", unknown + "/candidates",
				unknown + "/demo-sets", unknown + "/artifact" }) {
			Http.Response response = http.get(path);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.isProblem()).isTrue();
		}
		assertThat(http.postJson(unknown + "/cancel", "").status()).isEqualTo(404);
		assertThat(http.delete(unknown).status()).isEqualTo(404);
		assertThat(http.get("/api/jobs/42").status()).isEqualTo(400);
		assertThat(http.get("/api/jobs?status=DONE").status()).isEqualTo(400);
		assertThat(http.post("/api/jobs", "text/plain", "hi".getBytes()).status()).isEqualTo(415);
	}

}
