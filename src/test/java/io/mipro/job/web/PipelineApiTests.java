package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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

/**
 * Pipelines over real HTTP on the simulated model: a retrieval pipeline from submit to artifact, and the
 * bad-pipeline corpus, each refused with a 400 problem naming the module and the field, storing nothing.
 */
// a context of its own: JobApiTests' context, once Spring has paused it for another test class, cannot restart its
// job runner (JobRunner's scheduler is not recreated on start)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=mipro-pipeline-api-test")
class PipelineApiTests {

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	static String train;

	static String dev;

	static String corpus;

	@BeforeEach
	void datasets() {
		http = new Http(port);
		client = new JobClient(http);
		if (train == null) {
			train = client.upload(Path.of("data/train.json"));
			dev = client.upload(Path.of("data/dev.json"));
			corpus = client.upload(Path.of("data/corpus.json"));
		}
	}

	static String retrievalJob(String train, String dev, String corpus) {
		return """
				{"name": "rag", "trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"modules": [
				   {"name": "rewrite", "signature": "question -> query", "instructions": "Write a search query."},
				   {"name": "search", "signature": "query -> passages",
				    "retrieve": {"corpusDatasetId": "%s", "textField": "passage", "k": 3}},
				   {"name": "answer", "signature": "passages, question -> answer", "module": "chain_of_thought",
				    "instructions": "Answer the question from the passages."}]},
				 "metric": "exact_match", "optimizer": {"auto": "light", "seed": 9, "strategy": "reference"}}""".formatted(train, dev, corpus);
	}

	@Test
	void aRetrievalPipelineRunsFromSubmitToArtifact() {
		String id = client.submit(retrievalJob(train, dev, corpus));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(2));

		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("bestScore").asDouble()).isGreaterThan(job.get("baselineScore").asDouble());
		// 2 predictors: the reference's formula gives 20 trials for light, plus the baseline (no minibatch on 20)
		assertThat(job.get("progress").get("completedTrials").asInt()).isEqualTo(21);
		JsonNode usage = job.get("lmUsage");
		assertThat(usage.get("retrievals").asLong()).isPositive();
		JsonNode predictors = job.get("predictors");
		assertThat(predictors).extracting(p -> p.get("name").asString()).containsExactly("rewrite", "answer");
		assertThat(predictors.get(1).get("path").asString()).isEqualTo("answer.predict");
		assertThat(predictors.get(0).get("bestInstruction").isString()).isTrue();

		JsonNode candidates = http.get("/api/jobs/" + id + "/candidates").json();
		assertThat(candidates).extracting(c -> c.get("predictorName").asString()).contains("rewrite", "answer");
		JsonNode trials = http.get("/api/jobs/" + id + "/trials").json();
		assertThat(trials.get(1).get("predictors")).extracting(c -> c.get("predictor").asString())
			.containsExactly("rewrite", "answer");
		JsonNode demoSets = http.get("/api/jobs/" + id + "/demo-sets").json();
		assertThat(demoSets.get(0).get("predictors")).extracting(JsonNode::asString).containsExactly("rewrite", "answer");

		JsonNode artifact = http.get("/api/jobs/" + id + "/artifact").json();
		assertThat(artifact.propertyNames()).containsExactly("rewrite", "answer.predict", "metadata", "mipro_service");
		assertThat(artifact.get("answer.predict").get("signature").get("fields")).hasSize(4);
	}

	static Stream<Arguments> badPipelines() {
		String head = "{\"trainDatasetId\": \"%1$s\", \"devDatasetId\": \"%2$s\", \"program\": {\"modules\": [";
		String find = "{\"name\": \"find\", \"signature\": \"context, question -> evidence\"}";
		String answer = "{\"name\": \"answer\", \"signature\": \"evidence, question -> answer\"}";
		String tail = "]}}";
		String search = "{\"name\": \"search\", \"signature\": \"question -> passages\", \"retrieve\": "
				+ "{\"corpusDatasetId\": \"%3$s\", \"textField\": \"passage\", \"k\": 3}}";
		String rag = "{\"name\": \"answer\", \"signature\": \"passages, question -> answer\"}";
		String many = String.join(", ", IntStream.range(0, 20)
			.mapToObj(i -> "{\"name\": \"m" + i + "\", \"signature\": \"question -> answer" + i + "\"}")
			.toList());
		return Stream.of(
				Arguments.of("missing field", head + find + ", {\"name\": \"answer\", \"signature\": "
						+ "\"evidnce, question -> answer\"}" + tail, "answer", "evidnce", "reads `evidnce`"),
				Arguments.of("final output missing from the data", head + find
						+ ", {\"name\": \"answer\", \"signature\": \"evidence, question -> reply\"}" + tail, "answer",
						"reply", "lacks field `reply`"),
				Arguments.of("duplicate output", head + find + ", {\"name\": \"again\", \"signature\": "
						+ "\"question -> evidence\"}, " + answer + tail, "again", null, "already produces"),
				Arguments.of("read before produced", head + answer + ", " + find + tail, "answer", "evidence",
						"reads `evidence`"),
				Arguments.of("duplicate name", head + find + ", {\"name\": \"find\", \"signature\": "
						+ "\"evidence, question -> answer\"}" + tail, "find", null, "two modules are named `find`"),
				Arguments.of("unknown module kind", head + find + ", {\"name\": \"answer\", \"signature\": "
						+ "\"evidence, question -> answer\", \"module\": \"react\"}" + tail, "answer", "module",
						"unknown module kind `react`"),
				Arguments.of("unknown corpus", head + search.replace("%3$s", "00000000-0000-0000-0000-000000000000")
						+ ", " + rag + tail, "search", "retrieve.corpusDatasetId", "no corpus dataset"),
				Arguments.of("corpus without the text field", head + search.replace("\"passage\"", "\"text\"") + ", "
						+ rag + tail, "search", "retrieve.textField", "has no field `text`"),
				Arguments.of("k of 0", head + search.replace("\"k\": 3", "\"k\": 0") + ", " + rag + tail, "search",
						"retrieve.k", "between 1 and 50"),
				Arguments.of("k of 51", head + search.replace("\"k\": 3", "\"k\": 51") + ", " + rag + tail, "search",
						"retrieve.k", "between 1 and 50"),
				Arguments.of("retrieve without text field", head + search.replace(", \"textField\": \"passage\"", "")
						+ ", " + rag + tail, "search", "retrieve.textField", "needs `retrieve.textField`"),
				Arguments.of("retrieve with instructions", head + search.replace("\"retrieve\"",
						"\"instructions\": \"Search well.\", \"retrieve\"") + ", " + rag + tail, "search",
						"instructions", "has no prompt"),
				Arguments.of("retrieve last", head + search + tail, "search", null, "must be a predictor"),
				Arguments.of("empty modules", head + tail, null, null, "`program.modules` is empty"),
				Arguments.of("20 modules", head + many + tail, null, null, "at most 10"),
				Arguments.of("name not an identifier", head + "{\"name\": \"find me\", \"signature\": "
						+ "\"context, question -> answer\"}" + tail, null, "name", "not an identifier"),
				Arguments.of("reserved name", head + "{\"name\": \"class\", \"signature\": "
						+ "\"context, question -> answer\"}" + tail, "class", "name", "reserved"),
				Arguments.of("missing module signature", head + "{\"name\": \"answer\"}" + tail, "answer",
						"signature", "needs a `signature`"),
				Arguments.of("modules and a signature", "{\"trainDatasetId\": \"%1$s\", \"devDatasetId\": \"%2$s\", "
						+ "\"program\": {\"signature\": \"context, question -> answer\", \"modules\": [" + find + "]}}",
						null, null, "both `modules` and a one-module field"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badPipelines")
	void badPipelinesAreProblemsNamingModuleAndFieldAndStoreNothing(String name, String body, String module,
			String field, String detail) {
		long before = http.get("/api/jobs").json().get("totalElements").asLong();

		Http.Response response = http.postJson("/api/jobs", body.formatted(train, dev, corpus));

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains(detail);
		if (module != null) {
			assertThat(response.json().get("module").asString()).isEqualTo(module);
		}
		if (field != null) {
			assertThat(response.json().get("field").asString()).isEqualTo(field);
		}
		assertThat(http.get("/api/jobs").json().get("totalElements").asLong()).isEqualTo(before);
	}

}
