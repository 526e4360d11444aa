package io.mipro.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.SchemaCheck;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API description as clients consume it: valid OpenAPI (checked by swagger-parser, the parser openapi-generator
 * uses), free of the findings that broke generated clients, and true to the service: the documented problem, artifact
 * and event schemas are checked against real answers of a real job.
 */
// a context of its own: a cached context that Spring paused for another test class cannot restart its job runner
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=mipro-api-contract-test")
class ApiContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	Http http;

	JsonNode docs;

	SchemaCheck schemas;

	@BeforeEach
	void docs() {
		http = new Http(port);
		Http.Response response = http.get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		docs = response.json();
		schemas = new SchemaCheck(docs);
	}

	@Test
	void theApiDocsAreValidOpenApiWithoutTheFindingsThatBrokeGeneratedClients() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIParser().readContents(http.get("/v3/api-docs").body(), null, options);
		assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
		assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();

		assertThat(docs.get("openapi").asString()).startsWith("3.1");
		assertThat(docs.path("info").path("license").path("identifier").asString()).isEqualTo("Apache-2.0");
		assertThat(docs.get("paths").has("/error")).isFalse();
		assertThat(docs.path("components").path("schemas").has("ProblemDetail")).isFalse();
		assertThat(docs.path("components").path("schemas").path("Problem").path("properties").has("properties")).isFalse();
		assertThat(docs.has("security")).as("no key is configured: no lock").isFalse();

		Set<String> operationIds = new HashSet<>();
		List<String> problems = new ArrayList<>();
		docs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
			JsonNode operation = method.getValue();
			String where = method.getKey().toUpperCase() + " " + path.getKey();
			String id = operation.path("operationId").asString();
			if (!operationIds.add(id) || id.matches(".*_\\d+")) {
				problems.add(where + ": operationId " + id + " is generated or repeated");
			}
			if (operation.has("security")) {
				problems.add(where + ": requires a key although none is configured");
			}
			if (operation.path("requestBody").path("content").size() > 1) {
				problems.add(where + ": several request content types in one operation");
			}
			if (path.getKey().contains("{id}") && !operation.path("responses").has("404")) {
				problems.add(where + ": no 404 documented");
			}
			if (operation.has("parameters") && !operation.path("responses").has("400")) {
				problems.add(where + ": no 400 documented");
			}
			operation.path("responses").properties().forEach(response -> {
				JsonNode problem = response.getValue().path("content").path("application/problem+json");
				if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
					return;
				}
				if (problem.isMissingNode()) {
					problems.add(where + " " + response.getKey() + ": not a problem+json answer");
					return;
				}
				JsonNode example = problem.has("example") ? problem.get("example")
						: problem.path("examples").properties().stream().findFirst().map(e -> e.getValue().get("value")).orElse(null);
				if (example == null) {
					problems.add(where + " " + response.getKey() + ": no example");
					return;
				}
				if (example.isString()) {
					example = JSON.readTree(example.asString());
				}
				if (example.path("status").asInt() != Integer.parseInt(response.getKey())
						|| example.toString().contains("example.com")) {
					problems.add(where + " " + response.getKey() + ": placeholder example " + example);
				}
				schemas.violations("#/components/schemas/Problem", example)
					.forEach(violation -> problems.add(where + " " + response.getKey() + " example: " + violation));
			});
		}));
		assertThat(problems).isEmpty();

		JsonNode events = docs.at("/paths/~1api~1jobs~1{id}~1events/get");
		assertThat(events.at("/responses/200/content").has("text/event-stream")).isTrue();
		assertThat(events.at("/responses/200/content/text~1event-stream/schema/type").asString()).isEqualTo("string");
		assertThat(events.path("x-sse-events").size()).isEqualTo(12);
		assertThat(docs.at("/paths/~1api~1jobs~1{id}~1artifact/get/responses/200/content/application~1json/schema/$ref")
			.asString()).isEqualTo("#/components/schemas/DspyProgram");
		JsonNode queued = docs.at("/paths/~1api~1jobs/post/responses/202/content/application~1json/examples/queued/value");
		assertThat((queued.isString() ? JSON.readTree(queued.asString()) : queued).get("status").asString()).isEqualTo("QUEUED");
		assertThat(docs.at("/paths/~1api~1datasets/post/requestBody/content").has("multipart/form-data")).isTrue();
		assertThat(docs.at("/paths/~1api~1datasets~1inline/post/requestBody/content").has("application/json")).isTrue();
	}

	@Test
	void theDocumentedProblemArtifactAndEventSchemasMatchRealAnswers() throws Exception {
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String id = client.submit(JobClient.qaJob(train, dev, null, null));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(2));
		assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");

		Map<String, JsonNode> problems = new LinkedHashMap<>();
		problems.put("upload", http.upload("/api/datasets", "bad.json", "application/json",
				"[{\"q\": \"a\", \"a\": \"b\"}, {\"q\": \"c\"}]".getBytes()).json());
		problems.put("unknown job", http.get("/api/jobs/00000000-0000-0000-0000-000000000000").json());
		problems.put("unknown dataset", http.get("/api/datasets/00000000-0000-0000-0000-000000000000").json());
		problems.put("size", http.get("/api/jobs?size=-1").json());
		problems.put("status", http.get("/api/jobs?status=FOO").json());
		problems.put("media type", http.post("/api/jobs", "text/plain", "hi".getBytes()).json());
		problems.put("conflict", http.postJson("/api/jobs/" + id + "/cancel", "").json());
		List<String> violations = new ArrayList<>();
		problems.forEach((name, problem) -> schemas.violations("#/components/schemas/Problem", problem)
			.forEach(violation -> violations.add(name + " " + violation)));
		assertThat(problems.get("upload").has("line")).isTrue();
		assertThat(problems.get("upload").has("properties")).isFalse();

		Http.Response artifact = http.get("/api/jobs/" + id + "/artifact");
		assertThat(artifact.status()).isEqualTo(200);
		schemas.violations("#/components/schemas/DspyProgram", artifact.json())
			.forEach(violation -> violations.add("artifact " + violation));
		schemas.violations("#/components/schemas/JobView", job).forEach(violation -> violations.add("job " + violation));

		JsonNode refs = docs.at("/paths/~1api~1jobs~1{id}~1events/get/x-sse-events");
		Set<String> seen = new HashSet<>();
		for (String[] event : events(id)) {
			seen.add(event[0]);
			JsonNode ref = refs.get(event[0]);
			if (ref == null) {
				violations.add("event `" + event[0] + "` is not documented");
				continue;
			}
			schemas.violations(ref.asString(), JSON.readTree(event[1]))
				.forEach(violation -> violations.add("event " + event[0] + " " + violation));
		}
		assertThat(violations).isEmpty();
		assertThat(seen).contains("status", "phase", "demo-set", "candidate", "trial", "new-best", "finished");
	}

	@Test
	void jobRequestsAsGeneratedClientsSendThemAreAccepted() {
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		// openapi-generator's Java client sends the lists and maps it was not given as empty ones
		String single = client.submit("""
				{"trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"signature": "context, question -> answer", "descriptions": {}, "modules": []},
				 "optimizer": {"auto": "light", "maxLmCalls": 1}}""".formatted(train, dev));
		String pipeline = client.submit("""
				{"trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"descriptions": {}, "modules": [
				   {"name": "find", "signature": "context, question -> evidence", "descriptions": {}},
				   {"name": "answer", "signature": "evidence, question -> answer", "descriptions": {}}]},
				 "optimizer": {"auto": "light", "maxLmCalls": 1}}""".formatted(train, dev));
		assertThat(client.job(single).get("predictors").size()).isEqualTo(1);
		assertThat(client.job(pipeline).get("predictors").size()).isEqualTo(2);
		// an empty pipeline without a signature is still refused
		Http.Response empty = http.postJson("/api/jobs", """
				{"trainDatasetId": "%s", "devDatasetId": "%s", "program": {"modules": []}}""".formatted(train, dev));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("detail").asString()).contains("`program.modules` is empty");
		client.awaitEnd(single, Duration.ofMinutes(1));
		client.awaitEnd(pipeline, Duration.ofMinutes(1));
	}

	/** The job's whole event stream (it ends because the job has ended), as name and data pairs. */
	private List<String[]> events(String id) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs/" + id + "/events"))
				.header("Accept", "text/event-stream")
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String[]> events = new ArrayList<>();
		for (String block : response.body().split("\n\n")) {
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
			if (name != null) {
				events.add(new String[] { name, data.toString() });
			}
		}
		assertThat(events).isNotEmpty();
		return events;
	}

}
