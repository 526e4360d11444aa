package io.mipro.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mipro.optimizer.eval.TextNormalizer;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Metrics over real HTTP on the simulated model: a custom metric bean used by name, configured metrics (an LLM judge
 * and a weighted mix) running whole jobs, and the 400s for metrics that do not exist or do not fit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricApiTests {

	/** The README's worked example: right when the prediction starts with the gold answer's first word. */
	static final class FirstWordMetric implements CustomMetric {

		final java.util.concurrent.atomic.AtomicInteger scored = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public String name() {
			return "first_word";
		}

		@Override
		public double score(Example gold, Prediction prediction, List<String> outputFields) {
			scored.incrementAndGet();
			String expected = TextNormalizer.normalize(gold.get(outputFields.get(0)));
			String predicted = TextNormalizer.normalize(String.valueOf(prediction.get(outputFields.get(0))));
			return !expected.isEmpty() && predicted.split(" ")[0].equals(expected.split(" ")[0]) ? 1 : 0;
		}

		@Override
		public Double defaultThreshold() {
			return 1.0;
		}

	}

	static final FirstWordMetric FIRST_WORD = new FirstWordMetric();

	@TestConfiguration
	static class CustomMetrics {

		@Bean
		CustomMetric firstWord() {
			return FIRST_WORD;
		}

	}

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

	private String job(String metric) {
		return """
				{"name": "metric", "trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"signature": "context, question -> answer",
				             "instructions": "Answer the question based on the given context."},
				 "metric": %s,
				 "optimizer": {"auto": "light", "seed": 9, "strategy": "reference"},
				 "promptModel": {"model": "gpt-prompt"}, "taskModel": {"model": "gpt-task", "temperature": 0.0}}"""
			.formatted(train, dev, metric);
	}

	@Test
	void aCustomMetricBeanIsUsableByName() {
		int before = FIRST_WORD.scored.get();
		String id = client.submit(job("\"first_word\""));
		JsonNode end = client.awaitEnd(id, Duration.ofMinutes(2));

		assertThat(end.get("status").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
		JsonNode artifact = http.get("/api/jobs/" + id + "/artifact").json();
		assertThat(artifact.toString()).contains("\"metric\":\"first_word\"");
		// the bean really scored every evaluated example (11 trials over the 20 dev examples, bootstrapping besides)
		assertThat(FIRST_WORD.scored.get()).isGreaterThanOrEqualTo(before + 11 * 20);
		assertThat(end.get("lmUsage").get("judgeModelCalls").asLong()).isZero();
	}

	@Test
	void anUnknownMetricIsABadRequestListingTheAvailableOnes() {
		Http.Response response = http.postJson("/api/jobs", job("{\"type\": \"bleu\"}"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains("unknown metric `bleu`", "exact_match", "f1",
				"llm_judge", "semantic_f1", "weighted", "first_word");
	}

	@Test
	void metricSettingsThatDoNotFitAreBadRequestsNamingThem() {
		assertThat(detail(job("{\"type\": \"f1\", \"rubric\": \"x\"}"))).contains("`metric.rubric`", "does not apply");
		assertThat(detail(job("{\"type\": \"llm_judge\"}"))).contains("rubric");
		assertThat(detail(job("{\"type\": \"llm_judge\", \"rubric\": \"x\", \"scale\": 0}"))).contains("scale");
		assertThat(detail(job("{\"type\": \"exact_match\", \"field\": \"answr\"}"))).contains("answr",
				"not an output");
		assertThat(detail(job("{\"type\": \"weighted\", \"parts\": []}"))).contains("`metric.parts`");
		assertThat(detail(job("{\"type\": \"weighted\", \"parts\": [{\"metric\": \"f1\", \"weight\": -1}]}")))
			.contains("weight");
		assertThat(detail(job("{\"type\": \"weighted\", \"parts\": [{\"metric\": \"nope\"}]}")))
			.contains("`metric.parts[0].metric`", "unknown metric");
	}

	private String detail(String body) {
		Http.Response response = http.postJson("/api/jobs", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		return response.json().get("detail").asString();
	}

	@Test
	void aJudgedWeightedJobRunsOfflineAndCountsItsJudgeCalls() {
		String metric = """
				{"type": "weighted", "parts": [
				  {"metric": {"type": "exact_match", "field": "answer", "aliases": "|"}, "weight": 0.7},
				  {"metric": {"type": "llm_judge", "rubric": "Same answer as the gold one.", "scale": 4}, "weight": 0.3}]}""";
		String id = client.submit(job(metric));
		JsonNode end = client.awaitEnd(id, Duration.ofMinutes(2));

		assertThat(end.get("status").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
		assertThat(end.get("lmUsage").get("judgeModelCalls").asLong()).isPositive();
		JsonNode request = http.get("/api/jobs/" + id + "/artifact").json().get("mipro_service").get("request");
		// defaults are filled in and stored: the judge is the prompt model at temperature 0
		JsonNode judge = request.get("metric").get("parts").get(1).get("metric");
		assertThat(judge.get("model").get("model").asString()).isEqualTo("gpt-prompt");
		assertThat(judge.get("model").get("temperature").asDouble()).isZero();
	}

}
