package io.mipro.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mipro.support.Browser;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real headless Chromium against the service over HTTP (simulated model, in-memory database): a
 * finished job's page draws its history and heatmap from the API's data, and the upload form shows the API's problem
 * for a bad file and stores a good one. Screenshots go to {@code target/screenshots/}.
 */
// a context of its own: a cached context that Spring paused for another test class cannot restart its job runner
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=mipro-dashboard-test")
class DashboardBrowserTests {

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	Browser browser;

	@BeforeEach
	void start() {
		http = new Http(port);
		client = new JobClient(http);
		browser = Browser.start(port, 1400, 1500);
	}

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void aFinishedJobPageDrawsItsTrialsHistoryAndHeatmap() {
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		// minibatches of 10 so the history has dots and diamonds, and the heatmap has means to show
		String id = client.submit("""
				{"name": "qa-browser", "trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"signature": "context, question -> answer",
				             "instructions": "Answer the question based on the given context."},
				 "metric": "f1",
				 "optimizer": {"auto": null, "numCandidates": 4, "numTrials": 16, "minibatch": true,
				               "minibatchSize": 10, "minibatchFullEvalSteps": 4, "seed": 9},
				 "promptModel": {"model": "gpt-prompt"}, "taskModel": {"model": "gpt-task", "temperature": 0.0}}"""
			.formatted(train, dev));
		JsonNode job = client.awaitEnd(id, Duration.ofMinutes(2));
		assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
		JsonNode trials = http.get("/api/jobs/" + id + "/trials").json();
		long minibatch = trials.valueStream().filter(t -> t.get("kind").asString().equals("minibatch")).count();
		long full = trials.size() - minibatch;

		browser.open("/#/jobs/" + id);
		browser.await(Duration.ofSeconds(20),
				d -> d.findElements(By.cssSelector("#trials-body tr[data-trial]")).size() == trials.size());
		browser.await(Duration.ofSeconds(20), d -> "ended".equals(
				d.findElement(By.id("job-page")).getDomAttribute("data-live")));

		@SuppressWarnings("unchecked")
		Map<String, Object> drawn = (Map<String, Object>) browser.script("""
				const option = echarts.getInstanceByDom(document.getElementById('history-chart')).getOption();
				const heat = echarts.getInstanceByDom(document.getElementById('heatmap-0')).getOption();
				const series = (id) => option.series.find((s) => s.id === id).data;
				return {minibatch: series('minibatch').length, full: series('full').length, best: series('best').length,
				        baseline: series('baseline').map((p) => p[1]), cells: heat.series[0].data.length,
				        legend: option.legend[0].data, xName: option.xAxis[0].name, yName: option.yAxis[0].name};""");
		assertThat(((Number) drawn.get("minibatch")).longValue()).isEqualTo(minibatch).isPositive();
		assertThat(((Number) drawn.get("full")).longValue()).isEqualTo(full).isPositive();
		assertThat(((Number) drawn.get("best")).longValue()).isEqualTo(trials.size());
		assertThat((List<?>) drawn.get("baseline")).isNotEmpty()
			.allSatisfy(value -> assertThat(((Number) value).doubleValue()).isEqualTo(job.get("baselineScore").asDouble()));
		assertThat(((Number) drawn.get("cells")).intValue()).isPositive();
		assertThat(String.valueOf(drawn.get("legend"))).contains("Minibatch trial", "Full evaluation",
				"Best full evaluation so far", "Baseline");
		assertThat(drawn.get("xName")).isEqualTo("Trial");
		assertThat(drawn.get("yName")).isEqualTo("Score (%)");

		// the page loads once more when the stream ends, so each read finds its element afresh
		assertThat(browser.text(By.cssSelector("#job-page .badge"))).isEqualTo("SUCCEEDED");
		assertThat(browser.text(By.cssSelector("#job-page #simulated-notice"))).contains("Simulated model");
		String optimized = browser.text(By.cssSelector("#job-page #program-optimized .instruction"));
		int bestTrial = job.get("bestFullEvalTrial").asInt();
		int instruction = trials.valueStream().filter(t -> t.get("number").asInt() == bestTrial).findFirst().orElseThrow()
			.get("params").get("0_predictor_instruction").asInt();
		String expected = http.get("/api/jobs/" + id + "/candidates").json().valueStream()
			.filter(c -> c.get("index").asInt() == instruction).findFirst().orElseThrow().get("instruction").asString();
		assertThat(optimized).isEqualTo(expected.strip());
		boolean downloadShown = browser.await(Duration.ofSeconds(10),
				d -> d.findElement(By.id("download-button")).isDisplayed());
		assertThat(downloadShown).isTrue();
		browser.screenshot("job-finished");

		browser.open("/#/jobs");
		browser.await(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("tr[data-job-id='" + id + "']")).isEmpty());
		assertThat(browser.text(By.cssSelector("tr[data-job-id='" + id + "'] .badge")))
			.isEqualTo("SUCCEEDED");
		browser.screenshot("jobs");
	}

	@Test
	void theUploadFormShowsTheProblemOfABadFileAndStoresAGoodOne(@TempDir Path dir) throws Exception {
		long before = http.get("/api/datasets").json().get("totalElements").asLong();
		Path bad = dir.resolve("broken.json");
		Files.writeString(bad, """
				[{"question": "Where?", "answer": "Paris"},
				 {"question": "When?"}]
				""", StandardCharsets.UTF_8);

		browser.open("/#/datasets");
		browser.driver().findElement(By.id("upload-file")).sendKeys(bad.toAbsolutePath().toString());
		browser.driver().findElement(By.id("upload-submit")).click();
		WebElement problem = browser.await(Duration.ofSeconds(10),
				d -> d.findElements(By.cssSelector("#upload-result .problem")).stream().findFirst().orElse(null));
		assertThat(problem.getText()).contains("Invalid dataset", "400", "Example 2", "answer");
		assertThat(problem.getText()).contains("example: 2", "field: answer");
		assertThat(http.get("/api/datasets").json().get("totalElements").asLong()).isEqualTo(before);
		browser.screenshot("upload-problem");

		browser.driver().findElement(By.id("upload-file")).sendKeys(Path.of("data/dev.json").toAbsolutePath().toString());
		browser.driver().findElement(By.id("upload-name")).sendKeys("browser-dev");
		browser.driver().findElement(By.id("upload-submit")).click();
		WebElement stored = browser.await(Duration.ofSeconds(10),
				d -> d.findElements(By.cssSelector("#upload-result .success")).stream().findFirst().orElse(null));
		assertThat(stored.getText()).contains("browser-dev", "20 examples");
		browser.await(Duration.ofSeconds(10), d -> d.findElement(By.id("datasets-body")).getText().contains("browser-dev"));
		browser.await(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#preview-table tbody tr")).size() == 10);
		assertThat(http.get("/api/datasets").json().get("totalElements").asLong()).isEqualTo(before + 1);
		browser.screenshot("upload-stored");
	}

}
