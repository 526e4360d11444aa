package io.mipro.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What /actuator/prometheus shows after real jobs: model calls by role and model, cache hits, trials, jobs by status. */
// a context of its own: a cached context that Spring paused for another test class cannot restart its job runner
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=mipro-metrics-test")
class MetricsEndpointTests {

	@LocalServerPort
	int port;

	static double value(String scrape, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$").matcher(scrape);
		assertThat(matcher.find()).as("series %s in%n%s", series, scrape).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	@Test
	void modelCallsTrialsAndJobsAreExposedForPrometheus() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String first = client.submit(JobClient.qaJob(train, dev, null, null));
		client.awaitEnd(first, Duration.ofMinutes(1));
		// the same job again: its answers come from the response cache
		String second = client.submit(JobClient.qaJob(train, dev, null, null));
		client.awaitEnd(second, Duration.ofMinutes(1));
		long taskCalls = client.job(first).get("lmUsage").get("taskModelCalls").asLong();
		long cached = client.job(first).get("lmUsage").get("cachedCalls").asLong()
				+ client.job(second).get("lmUsage").get("cachedCalls").asLong();
		int trials = http.get("/api/jobs/" + first + "/trials").json().size()
				+ http.get("/api/jobs/" + second + "/trials").json().size();

		Http.Response response = http.get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		String scrape = response.body();

		String task = "role=\"task\"";
		assertThat(value(scrape, "mipro_model_calls_total{model=\"gpt-task\",outcome=\"success\",provider=\"simulated\"," + task + "}"))
			.isEqualTo(taskCalls);
		assertThat(value(scrape, "mipro_model_requests_total{model=\"gpt-task\",provider=\"simulated\"," + task + "}"))
			.isEqualTo(taskCalls);
		assertThat(value(scrape, "mipro_model_retries_total{model=\"gpt-task\",provider=\"simulated\"," + task + "}")).isZero();
		assertThat(value(scrape, "mipro_model_tokens_total{direction=\"input\",model=\"gpt-task\",provider=\"simulated\"," + task + "}"))
			.isPositive();
		assertThat(value(scrape, "mipro_model_latency_seconds_count{model=\"gpt-prompt\",outcome=\"success\",provider=\"simulated\",role=\"prompt\"}"))
			.isPositive();
		assertThat(client.job(second).get("lmUsage").get("cachedCalls").asLong()).isPositive();
		assertThat(value(scrape, "mipro_model_cache_hits_total{model=\"gpt-task\",provider=\"simulated\"," + task + "}")
				+ value(scrape, "mipro_model_cache_hits_total{model=\"gpt-prompt\",provider=\"simulated\",role=\"prompt\"}"))
			.isEqualTo(cached);
		Matcher trialCounts = Pattern.compile("(?m)^mipro_trial_duration_seconds_count\\{kind=\"(full|minibatch)\"} ([0-9.]+)$")
			.matcher(scrape);
		double timed = 0;
		while (trialCounts.find()) {
			timed += Double.parseDouble(trialCounts.group(2));
		}
		assertThat(timed).isEqualTo(trials);
		assertThat(value(scrape, "mipro_jobs{status=\"succeeded\"}")).isEqualTo(2);
		assertThat(value(scrape, "mipro_jobs_queue_depth")).isZero();
	}

}
