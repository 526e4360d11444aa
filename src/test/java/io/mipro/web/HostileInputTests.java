package io.mipro.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Malformed and hostile requests across every endpoint: each is answered 4xx with a problem body, never 5xx, and
 * nothing a refused request carried is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mipro.jobs.runner-enabled=false")
class HostileInputTests {

	static final String UNKNOWN = "00000000-0000-0000-0000-00000000beef";

	@LocalServerPort
	int port;

	static String train;

	static String dev;

	static String job;

	Http http;

	/** One hostile request: method, path, content type, body. */
	record Attack(String method, String path, String contentType, byte[] body) {

		static Attack json(String method, String path, String body) {
			return new Attack(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
		}

		static Attack get(String path) {
			return new Attack("GET", path, null, null);
		}

	}

	@BeforeEach
	void fixtures() {
		http = new Http(port);
		if (train == null) {
			JobClient client = new JobClient(http);
			train = client.upload(Path.of("data/train.json"));
			dev = client.upload(Path.of("data/dev.json"));
			job = client.submit(JobClient.qaJob(train, dev, null, null));
		}
	}

	static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	static String jobBody(String extra) {
		return "{\"trainDatasetId\": \"TRAIN\", \"devDatasetId\": \"DEV\", "
				+ "\"program\": {\"signature\": \"context, question -> answer\"}" + extra + "}";
	}

	static Stream<Arguments> attacks() {
		List<Arguments> all = new ArrayList<>();
		// datasets
		all.add(Arguments.of("deeply nested example", Attack.json("POST", "/api/datasets",
				"{\"examples\": [{\"a\": " + nested(5000) + "}]}")));
		all.add(Arguments.of("examples not a list", Attack.json("POST", "/api/datasets", "{\"examples\": \"all\"}")));
		all.add(Arguments.of("oversize name", Attack.json("POST", "/api/datasets",
				"{\"name\": \"" + "n".repeat(10_000) + "\", \"examples\": [{\"q\": \"a\"}]}")));
		all.add(Arguments.of("NUL in name", Attack.json("POST", "/api/datasets",
				"{\"name\": \"a\\u0000b\", \"examples\": [{\"q\": \"a\"}]}")));
		all.add(Arguments.of("lone surrogate value", Attack.json("POST", "/api/datasets",
				"{\"examples\": [{\"q\": \"\\udc00\"}]}")));
		all.add(Arguments.of("zero-width field name", Attack.json("POST", "/api/datasets",
				"{\"examples\": [{\"quest\u200Bion\": \"a\"}]}")));
		all.add(Arguments.of("right-to-left override field name", Attack.json("POST", "/api/datasets",
				"{\"examples\": [{\"\u202Eanswer\": \"a\"}]}")));
		all.add(Arguments.of("trailing garbage", Attack.json("POST", "/api/datasets",
				"\uFEFF{\"examples\": [{\"q\": \"a\"}]} <script>")));
		all.add(Arguments.of("CSV formula =", upload("f.csv", "q,a\nhi,=cmd|' /C calc'!A0\n")));
		all.add(Arguments.of("CSV formula @", upload("f.csv", "q,a\n@SUM(1+1),x\n")));
		all.add(Arguments.of("CSV formula +", upload("f.csv", "q,a\n+A1,x\n")));
		all.add(Arguments.of("CSV formula -", upload("f.csv", "q,a\nx,-2+3+cmd\n")));
		all.add(Arguments.of("multipart without file", new Attack("POST", "/api/datasets",
				"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n"
					.getBytes(StandardCharsets.UTF_8))));
		all.add(Arguments.of("XML body", new Attack("POST", "/api/datasets", "application/xml",
				"<examples/>".getBytes(StandardCharsets.UTF_8))));
		all.add(Arguments.of("oversize JSON dataset", new Attack("POST", "/api/datasets", "application/json",
				new byte[11 * 1024 * 1024])));
		all.add(Arguments.of("PUT datasets", Attack.json("PUT", "/api/datasets", "{}")));
		all.add(Arguments.of("PATCH a dataset", Attack.json("PATCH", "/api/datasets/" + UNKNOWN, "{}")));
		all.add(Arguments.of("negative page", Attack.get("/api/datasets?page=-5")));
		all.add(Arguments.of("huge size", Attack.get("/api/datasets?size=99999999999")));
		all.add(Arguments.of("size not a number", Attack.get("/api/datasets?size=abc")));
		all.add(Arguments.of("non-UUID dataset", Attack.get("/api/datasets/..%2F..%2Fetc%2Fpasswd")));
		all.add(Arguments.of("unknown dataset", Attack.get("/api/datasets/" + UNKNOWN)));
		all.add(Arguments.of("unknown dataset examples", Attack.get("/api/datasets/" + UNKNOWN + "/examples")));
		all.add(Arguments.of("delete unknown dataset", new Attack("DELETE", "/api/datasets/" + UNKNOWN, null, null)));
		all.add(Arguments.of("delete a dataset a queued job uses", new Attack("DELETE", "/api/datasets/TRAIN", null, null)));
		// jobs
		all.add(Arguments.of("deeply nested job", Attack.json("POST", "/api/jobs", "{\"program\": " + nested(5000) + "}")));
		all.add(Arguments.of("job body is a list", Attack.json("POST", "/api/jobs", "[]")));
		all.add(Arguments.of("job body is null", Attack.json("POST", "/api/jobs", "null")));
		all.add(Arguments.of("dataset id is a number", Attack.json("POST", "/api/jobs",
				"{\"trainDatasetId\": 42, \"devDatasetId\": \"DEV\"}")));
		all.add(Arguments.of("unknown auto preset", Attack.json("POST", "/api/jobs", jobBody(", \"optimizer\": {\"auto\": \"ultra\"}"))));
		all.add(Arguments.of("unknown module", Attack.json("POST", "/api/jobs",
				jobBody("").replace("\"context, question -> answer\"", "\"context, question -> answer\", \"module\": \"react\""))));
		all.add(Arguments.of("negative threads", Attack.json("POST", "/api/jobs", jobBody(", \"optimizer\": {\"numThreads\": -3}"))));
		all.add(Arguments.of("huge seed", Attack.json("POST", "/api/jobs", jobBody(", \"optimizer\": {\"seed\": 1e40}"))));
		all.add(Arguments.of("int overflow", Attack.json("POST", "/api/jobs", jobBody(", \"optimizer\": {\"minibatchSize\": 2147483648}"))));
		all.add(Arguments.of("oversize job name", Attack.json("POST", "/api/jobs",
				jobBody(", \"name\": \"" + "x".repeat(1000) + "\""))));
		all.add(Arguments.of("oversize job body", Attack.json("POST", "/api/jobs",
				jobBody(", \"name\": \"" + "x".repeat(300_000) + "\""))));
		all.add(Arguments.of("NUL in instructions", Attack.json("POST", "/api/jobs",
				jobBody("").replace("\"context, question -> answer\"", "\"context, question -> answer\", \"instructions\": \"a\\u0000\""))));
		all.add(Arguments.of("odd Unicode field in signature", Attack.json("POST", "/api/jobs",
				jobBody("").replace("context, question -> answer", "cont\u200Dext, question -> answer"))));
		all.add(Arguments.of("conflicting settings", Attack.json("POST", "/api/jobs",
				jobBody(", \"optimizer\": {\"auto\": \"medium\", \"numTrials\": 3}"))));
		all.add(Arguments.of("base URL in a model (SSRF)", Attack.json("POST", "/api/jobs",
				jobBody(", \"taskModel\": {\"model\": \"m\", \"baseUrl\": \"http://169.254.169.254/\"}"))));
		all.add(Arguments.of("API key in a model", Attack.json("POST", "/api/jobs",
				jobBody(", \"promptModel\": {\"model\": \"m\", \"apiKey\": \"sk-x\"}"))));
		all.add(Arguments.of("SQL in metric", Attack.json("POST", "/api/jobs", jobBody(", \"metric\": \"exact_match'; DROP TABLE job;--\""))));
		all.add(Arguments.of("unknown status filter", Attack.get("/api/jobs?status=PAUSED")));
		all.add(Arguments.of("negative jobs page", Attack.get("/api/jobs?page=-1")));
		all.add(Arguments.of("non-UUID job", Attack.get("/api/jobs/1%20OR%201=1")));
		all.add(Arguments.of("cancel unknown job", Attack.json("POST", "/api/jobs/" + UNKNOWN + "/cancel", "")));
		all.add(Arguments.of("delete unknown job", new Attack("DELETE", "/api/jobs/" + UNKNOWN, null, null)));
		all.add(Arguments.of("PUT a job", Attack.json("PUT", "/api/jobs/JOB", "{}")));
		all.add(Arguments.of("cancel with GET", Attack.get("/api/jobs/JOB/cancel")));
		all.add(Arguments.of("artifact before success", Attack.get("/api/jobs/JOB/artifact")));
		all.add(Arguments.of("delete a queued job", new Attack("DELETE", "/api/jobs/JOB", null, null)));
		all.add(Arguments.of("job as text/plain", new Attack("POST", "/api/jobs", "text/plain", "{}".getBytes(StandardCharsets.UTF_8))));
		all.add(Arguments.of("unknown path", Attack.get("/api/nothing-here")));
		return all.stream();
	}

	static Attack upload(String filename, String content) {
		String boundary = "hostile";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		return new Attack("POST", "/api/datasets", "multipart/form-data; boundary=" + boundary,
				body.getBytes(StandardCharsets.UTF_8));
	}

	private long count(String path) {
		return http.get(path).json().get("totalElements").asLong();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void answeredWithAProblemAndNothingStored(String name, Attack attack) {
		long datasets = count("/api/datasets");
		long jobs = count("/api/jobs");
		String path = attack.path().replace("TRAIN", train).replace("JOB", job);
		byte[] body = attack.body() == null ? null
				: new String(attack.body(), StandardCharsets.UTF_8).replace("TRAIN", train)
					.replace("DEV", dev)
					.getBytes(StandardCharsets.UTF_8);
		if (attack.body() != null && attack.body().length > 1_000_000) {
			body = attack.body();
		}

		Http.Response response = http.send(attack.method(), path, attack.contentType(), body);

		assertThat(response.status()).as("%s: %s", name, response.body()).isBetween(400, 499);
		assertThat(response.isProblem()).as("%s is a problem: %s", name, response.contentType()).isTrue();
		assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
		assertThat(count("/api/datasets")).as("datasets after %s", name).isEqualTo(datasets);
		assertThat(count("/api/jobs")).as("jobs after %s", name).isEqualTo(jobs);
	}

}
