package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mipro.artifact.DspyProgramReader;
import io.mipro.job.JobRequest;
import io.mipro.job.internal.ProgramPlanner;
import io.mipro.llm.CachingLanguageModel;
import io.mipro.llm.ModelProvider;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.eval.Evaluator;
import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.OpenAiMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pipelines through the real Spring AI OpenAI client, against an OpenAI-compatible server on loopback that answers
 * with the simulated reader: a two-stage job whose best program needs both predictors, and a retrieval job.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelineOpenAiTests {

	static final OpenAiMock openAi = new OpenAiMock();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> "sk-test-pipelines");
		registry.add("mipro.llm.cache", () -> "false");
	}

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	ModelProvider provider;

	static final String TWO_STAGE = """
			{"name": "two-stage", "trainDatasetId": "%s", "devDatasetId": "%s",
			 "program": {"modules": [
			   {"name": "find", "signature": "context, question -> evidence",
			    "instructions": "Find the evidence in the context for the question."},
			   {"name": "answer", "signature": "evidence, question -> answer", "module": "chain_of_thought",
			    "instructions": "Answer the question from the evidence."}]},
			 "metric": "exact_match", "optimizer": {"auto": "light", "seed": 9},
			 "promptModel": {"model": "gpt-prompt"}, "taskModel": {"model": "gpt-task", "temperature": 0.0}}""";

	@Test
	void aTwoStageJobsGainNeedsBothPredictors() throws Exception {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		openAi.reset();

		String id = client.submit(TWO_STAGE.formatted(train, dev));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(3));

		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("provider").asString()).isEqualTo("openai");
		JsonNode usage = job.get("lmUsage");
		assertThat(usage.get("promptModelCalls").asLong()).isEqualTo(openAi.requests("gpt-prompt"));
		assertThat(usage.get("taskModelCalls").asLong()).isEqualTo(openAi.requests("gpt-task"));
		// candidates and demo sets for both predictors, named
		JsonNode candidates = http.get("/api/jobs/" + id + "/candidates").json();
		for (String predictor : List.of("find", "answer")) {
			assertThat(candidates).filteredOn(c -> c.get("predictorName").asString().equals(predictor))
				.as("candidates of %s", predictor)
				.hasSizeGreaterThanOrEqualTo(2);
		}
		JsonNode demoSets = http.get("/api/jobs/" + id + "/demo-sets").json();
		assertThat(demoSets).hasSize(6);
		for (JsonNode set : demoSets) {
			assertThat(set.get("predictors")).extracting(JsonNode::asString).containsExactly("find", "answer");
			assertThat(set.get("demos")).hasSize(2);
			if (set.get("index").asInt() > 0) {
				assertThat(set.get("demos").get(0)).as("set %s, find", set.get("index")).isNotEmpty();
				assertThat(set.get("demos").get(1)).as("set %s, answer", set.get("index")).isNotEmpty();
			}
		}
		// no prompt was unparseable: no trial counted a parse failure, no proposal was dropped as unreadable
		JsonNode trials = http.get("/api/jobs/" + id + "/trials").json();
		assertThat(trials).hasSizeGreaterThanOrEqualTo(21).allMatch(t -> t.get("parseFailures").asInt() == 0);
		// the default adaptive strategy screened both predictors' instructions and said so
		assertThat(job.get("strategy").asString()).isEqualTo("adaptive");
		assertThat(job.get("decisions")).extracting(JsonNode::asString)
			.anyMatch(d -> d.startsWith("find: screened"))
			.anyMatch(d -> d.startsWith("answer: screened"));
		String events = http.get("/api/jobs/" + id + "/events").body();
		assertThat(events).doesNotContain("could not be read");

		// the best program, read back from the artifact, against itself with either predictor put back
		JsonNode artifact = http.get("/api/jobs/" + id + "/artifact").json();
		assertThat(artifact.propertyNames()).containsExactly("find", "answer.predict", "metadata", "mipro_service");
		JobRequest request = JSON.readValue(TWO_STAGE.formatted(train, dev), JobRequest.class);
		Program shape = ProgramPlanner.program(ProgramPlanner.normalize(request.program()));
		@SuppressWarnings("unchecked")
		Program best = DspyProgramReader.read(shape, JSON.convertValue(artifact, Map.class));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			Evaluator evaluator = new Evaluator(new ProgramRunner(
					new CachingLanguageModel(provider, null, new UsageCounter(), JSON), new ModelSettings("gpt-task",
							0.0, null)), Metrics.EXACT_MATCH, 8, executor);
			List<Example> devset = examples("data/dev.json");
			double optimized = evaluator.evaluate(best, devset, "check").score();
			double findPutBack = evaluator.evaluate(best.with(0, shape.predictor(0)), devset, "check").score();
			double answerPutBack = evaluator.evaluate(best.with(1, shape.predictor(1)), devset, "check").score();

			assertThat(optimized).isEqualTo(job.get("bestScore").asDouble())
				.isGreaterThan(job.get("baselineScore").asDouble());
			assertThat(findPutBack).as("only the answer predictor optimized").isLessThan(optimized);
			assertThat(answerPutBack).as("only the find predictor optimized").isLessThan(optimized);
		}
		finally {
			executor.shutdown();
		}
	}

	@Test
	void aRetrievalJobRunsThroughTheOpenAiClientAndRetrievalsAreNoModelCalls() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String corpus = client.upload(Path.of("data/corpus.json"));
		openAi.reset();

		String id = client.submit(PipelineApiTests.retrievalJob(train, dev, corpus));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(3));

		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		JsonNode usage = job.get("lmUsage");
		assertThat(usage.get("retrievals").asLong()).isPositive();
		assertThat(usage.get("promptModelCalls").asLong() + usage.get("taskModelCalls").asLong())
			.isEqualTo(openAi.requests());
		assertThat(job.get("bestScore").asDouble()).isGreaterThan(job.get("baselineScore").asDouble());
	}

	static List<Example> examples(String file) throws Exception {
		List<Map<String, Object>> rows = JSON.readValue(Files.readString(Path.of(file)),
				new tools.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
				});
		return rows.stream().map(row -> {
			Map<String, String> values = new java.util.LinkedHashMap<>();
			row.forEach((k, v) -> values.put(k, String.valueOf(v)));
			return new Example(values);
		}).toList();
	}

}
