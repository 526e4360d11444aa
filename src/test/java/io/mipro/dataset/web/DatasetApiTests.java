package io.mipro.dataset.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.mipro.support.Http;
import io.mipro.support.Http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The datasets API over real HTTP, as a user (or curl) would call it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mipro.datasets.max-upload-size=1MB")
class DatasetApiTests {

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	private long storedDatasets() {
		return http.get("/api/datasets").json().get("totalElements").asLong();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void uploadsTheSampleTrainSet() throws IOException {
		Response response = http.upload("/api/datasets", "train.json", "application/json",
				Files.readAllBytes(Path.of("data/train.json")));

		assertThat(response.status()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.get("size").asInt()).isEqualTo(50);
		assertThat(body.get("name").asString()).isEqualTo("train");
		assertThat(body.get("fields").toString()).isEqualTo("[\"question\",\"context\",\"answer\"]");
		assertThat(response.location()).isEqualTo("/api/datasets/" + body.get("id").asString());

		Response fetched = http.get(response.location());
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.json().get("contentHash").asString()).isEqualTo(body.get("contentHash").asString());

		JsonNode page = http.get(response.location() + "/examples?page=1&size=20").json();
		assertThat(page.get("content").size()).isEqualTo(20);
		assertThat(page.get("totalElements").asInt()).isEqualTo(50);
		assertThat(page.get("totalPages").asInt()).isEqualTo(3);
		assertThat(page.get("content").get(0).get("question").asString()).isNotBlank();
	}

	@Test
	void sameDataAsJsonJsonlCsvAndBodyGivesIdenticalExamples() {
		String json = "[{\"question\": \"Why?\", \"answer\": \"Because, \\\"so\\\"\"}, {\"question\": \"N\", \"answer\": 7}]";
		String jsonl = "{\"question\": \"Why?\", \"answer\": \"Because, \\\"so\\\"\"}\n{\"question\": \"N\", \"answer\": 7}\n";
		String csv = "question,answer\nWhy?,\"Because, \"\"so\"\"\"\nN,7\n";
		String body = "{\"name\": \"inline\", \"examples\": " + json + "}";

		JsonNode a = http.upload("/api/datasets", "a.json", "application/json", utf8(json)).json();
		JsonNode b = http.upload("/api/datasets", "b.jsonl", "application/octet-stream", utf8(jsonl)).json();
		JsonNode c = http.upload("/api/datasets", "c.csv", "text/csv", utf8(csv)).json();
		JsonNode d = http.postJson("/api/datasets", body).json();

		String examples = http.get("/api/datasets/" + a.get("id").asString() + "/examples").json().get("content").toString();
		assertThat(examples).isEqualTo("[{\"question\":\"Why?\",\"answer\":\"Because, \\\"so\\\"\"},{\"question\":\"N\",\"answer\":\"7\"}]");
		for (JsonNode other : new JsonNode[] { b, c, d }) {
			assertThat(other.get("contentHash").asString()).isEqualTo(a.get("contentHash").asString());
			assertThat(http.get("/api/datasets/" + other.get("id").asString() + "/examples").json().get("content").toString())
				.isEqualTo(examples);
		}
		assertThat(d.get("name").asString()).isEqualTo("inline");
	}

	static Stream<Arguments> malformedUploads() {
		return Stream.of(
				Arguments.of("truncated JSON", "t.json", "[{\"q\": \"a\"},\n{\"q\": ", 400, "Invalid JSON"),
				Arguments.of("not a list", "t.json", "{\"q\": \"a\"}", 400, "JSON array of objects"),
				Arguments.of("list of strings", "t.json", "[\"a\", \"b\"]", 400, "must be a JSON object"),
				Arguments.of("nested value", "t.json", "[{\"q\": {\"deep\": 1}}]", 400, "Nested values"),
				Arguments.of("inconsistent fields", "t.json", "[{\"q\": \"a\"},\n{\"r\": \"b\"}]", 400, "lacks field `q`"),
				Arguments.of("empty file", "t.json", "", 400, "empty"),
				Arguments.of("zero examples", "t.json", "[]", 400, "no examples"),
				Arguments.of("ragged CSV", "t.csv", "q,a\n1,2\n3\n", 400, "has 1 values but the header has 2"),
				Arguments.of("bad JSONL line", "t.jsonl", "{\"q\": \"a\"}\n{\"q\": \n", 400, "Line 2"),
				Arguments.of("unknown extension", "t.xlsx", "q,a\n1,2\n", 415, "Cannot tell the format"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedUploads")
	void malformedUploadsAreProblemsAndStoreNothing(String name, String filename, String content, int status,
			String detail) {
		long before = storedDatasets();

		Response response = http.upload("/api/datasets", filename, "application/octet-stream", utf8(content));

		assertThat(response.status()).isEqualTo(status);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains(detail);
		assertThat(storedDatasets()).isEqualTo(before);
	}

	@Test
	void bytesThatAreNotUtf8AreRefusedWithTheirLine() {
		long before = storedDatasets();
		byte[] latin1 = "q,a\nx,1\ny,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

		Response response = http.upload("/api/datasets", "t.csv", "text/csv", latin1);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("line").asInt()).isEqualTo(3);
		assertThat(storedDatasets()).isEqualTo(before);
	}

	@Test
	void oversizeUploadsAre413Problems() {
		long before = storedDatasets();
		byte[] big = new byte[1024 * 1024 + 10];
		java.util.Arrays.fill(big, (byte) ' ');

		Response file = http.upload("/api/datasets", "big.json", "application/json", big);
		assertThat(file.status()).isEqualTo(413);
		assertThat(file.isProblem()).isTrue();

		Response body = http.post("/api/datasets", "application/json", big);
		assertThat(body.status()).isEqualTo(413);
		assertThat(body.isProblem()).isTrue();
		assertThat(storedDatasets()).isEqualTo(before);
	}

	@Test
	void wrongContentTypesAreProblems() {
		long before = storedDatasets();

		Response text = http.post("/api/datasets", "text/plain", utf8("q,a\n1,2\n"));
		assertThat(text.status()).isEqualTo(415);
		assertThat(text.isProblem()).isTrue();

		Response badBody = http.postJson("/api/datasets", "{\"name\": \"x\", \"examples\": [{\"q\": null}]}");
		assertThat(badBody.status()).isEqualTo(400);
		assertThat(badBody.json().get("field").asString()).isEqualTo("q");
		assertThat(storedDatasets()).isEqualTo(before);
	}

	@Test
	void unknownAndMalformedIdsAndBadPagingAreProblems() {
		Response unknown = http.get("/api/datasets/00000000-0000-0000-0000-000000000000");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();

		assertThat(http.get("/api/datasets/not-a-uuid").status()).isEqualTo(400);
		assertThat(http.get("/api/datasets/not-a-uuid").isProblem()).isTrue();
		assertThat(http.get("/api/datasets?size=0").status()).isEqualTo(400);
		assertThat(http.get("/api/datasets?page=-1").isProblem()).isTrue();
		assertThat(http.delete("/api/datasets/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
		assertThat(http.send("PUT", "/api/datasets", "application/json", utf8("{}")).status()).isEqualTo(405);
	}

	@Test
	void deleteRemovesTheDataset() {
		JsonNode created = http.postJson("/api/datasets", "{\"examples\": [{\"q\": \"a\"}]}").json();
		String path = "/api/datasets/" + created.get("id").asString();

		assertThat(http.delete(path).status()).isEqualTo(204);
		assertThat(http.get(path).status()).isEqualTo(404);
		assertThat(http.get(path + "/examples").status()).isEqualTo(404);
	}

	@Test
	void swaggerUiAndApiDocsDescribeEveryDatasetEndpoint() {
		Response redirect = http.get("/swagger-ui.html");
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);

		JsonNode docs = http.get("/v3/api-docs").json();
		JsonNode paths = docs.get("paths");
		assertThat(paths.get("/api/datasets").has("post")).isTrue();
		assertThat(paths.get("/api/datasets").has("get")).isTrue();
		assertThat(paths.get("/api/datasets/{id}").has("get")).isTrue();
		assertThat(paths.get("/api/datasets/{id}").has("delete")).isTrue();
		assertThat(paths.get("/api/datasets/{id}/examples").has("get")).isTrue();
		assertThat(paths.get("/api/datasets").get("post").get("requestBody").get("content").has("multipart/form-data"))
			.isTrue();
		assertThat(docs.get("components").get("schemas").get("DatasetView").get("properties").get("size").has("example"))
			.isTrue();
	}

	@Test
	void actuatorExposesHealthAndInfoOnly() {
		Response health = http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/info").status()).isEqualTo(200);
		assertThat(http.get("/actuator/env").status()).isEqualTo(404);
		assertThat(http.get("/actuator/beans").status()).isEqualTo(404);
		assertThat(http.get("/actuator/metrics").status()).isEqualTo(404);
	}

}
