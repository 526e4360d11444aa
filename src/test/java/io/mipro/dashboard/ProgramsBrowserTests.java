package io.mipro.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.support.Browser;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The programs pages and the new job's estimate in a real headless Chromium against the service (simulated model,
 * in-memory database): a finished job's programs are registered from its page, the best one answers in the "try it"
 * box what the predict API answers, a missing input's problem shows next to its field, and the new-job form shows
 * the estimate API's numbers before it lets the job be submitted.
 */
// a context of its own, as DashboardBrowserTests: a paused cached context cannot restart its job runner
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=mipro-programs-browser-test")
class ProgramsBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

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
	void aSucceededJobsBestProgramIsRegisteredFromItsPageAndAnswersInTheTryItBoxAsThePredictApi() {
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String jobId = client.submit(JobClient.qaJob(train, dev, null, null));
		JsonNode job = client.awaitEnd(jobId, Duration.ofMinutes(2));
		assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");

		browser.open("/#/jobs/" + jobId);
		WebElement register = browser.await(WAIT,
				d -> d.findElements(By.id("register-button")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
		register.click();
		browser.await(WAIT, d -> d.findElements(By.cssSelector("#registered-programs a[data-source]")).size() == 2);
		JsonNode programs = http.get("/api/programs?size=100").json().get("content");
		assertThat(programs.valueStream().filter(p -> jobId.equals(p.get("jobId").asString()))).hasSize(2);
		String bestId = programs.valueStream()
			.filter(p -> jobId.equals(p.get("jobId").asString()) && "job-best".equals(p.get("source").asString()))
			.findFirst().orElseThrow().get("id").asString();
		assertThat(browser.driver().findElement(By.cssSelector("#registered-programs a[data-source='job-best']"))
			.getDomAttribute("data-program-id")).isEqualTo(bestId);
		assertThat(browser.driver().findElement(By.id("register-button")).isDisplayed()).isFalse();
		browser.screenshot("job-programs-registered");

		// the list shows both, linked to their job
		browser.open("/#/programs");
		browser.await(WAIT, d -> d.findElements(By.cssSelector("#programs-body tr[data-program-id]")).size() >= 2);
		assertThat(browser.text(By.cssSelector("tr[data-program-id='" + bestId + "']"))).contains("job-best",
				jobId.substring(0, 8));

		// the program page: predictors, download, try it
		browser.driver().findElement(By.cssSelector("tr[data-program-id='" + bestId + "'] a[href='#/programs/" + bestId + "']")).click();
		browser.await(WAIT, d -> !d.findElements(By.id("try-form")).isEmpty());
		JsonNode best = http.get("/api/programs/" + bestId).json();
		assertThat(browser.text(By.id("program-name"))).isEqualTo(best.get("name").asString());
		assertThat(browser.text(By.cssSelector("#predictors-table .predictor-demos")))
			.isEqualTo(String.valueOf(best.get("predictors").get(0).get("demos").asInt()));
		assertThat(browser.driver().findElement(By.id("program-download")).getDomAttribute("href"))
			.isEqualTo("/api/programs/" + bestId + "/artifact");
		assertThat(browser.driver().findElements(By.cssSelector("#try-form textarea[data-field]")))
			.extracting(e -> e.getDomAttribute("data-field")).containsExactly("context", "question");

		String context = "The Eastbrook Aquarium opened in 2004. Its largest tank holds 1.2 million litres of sea water.";
		String question = "When did the Eastbrook Aquarium open?";
		browser.driver().findElement(By.id("try-input-context")).sendKeys(context);
		browser.driver().findElement(By.id("try-input-question")).sendKeys(question);
		browser.driver().findElement(By.id("try-run")).click();
		String shown = browser.await(WAIT, d -> d.findElements(By.cssSelector("#try-outputs tr[data-output='answer'] .output-value"))
			.stream().findFirst().map(WebElement::getText).orElse(null));
		JsonNode predicted = http.postJson("/api/programs/" + bestId + "/predict",
				"{\"inputs\": {\"context\": \"%s\", \"question\": \"%s\"}}".formatted(context, question)).json();
		assertThat(shown).isNotBlank().isEqualTo(predicted.get("outputs").get("answer").asString().strip());
		assertThat(browser.driver().findElements(By.cssSelector("#try-trace li"))).hasSize(predicted.get("trace").size());
		browser.screenshot("program-try-it");

		// leave the question empty: the problem's detail shows next to that field, and no output is shown
		browser.driver().findElement(By.id("try-input-question")).clear();
		browser.driver().findElement(By.id("try-run")).click();
		String detail = browser.await(WAIT, d -> {
			String text = d.findElement(By.cssSelector("[data-field-problem='question']")).getText();
			return text.isBlank() ? null : text;
		});
		Http.Response refused = http.postJson("/api/programs/" + bestId + "/predict",
				"{\"inputs\": {\"context\": \"%s\"}}".formatted(context));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("inputs.question");
		assertThat(detail).isEqualTo(refused.json().get("detail").asString());
		assertThat(browser.text(By.cssSelector("[data-field-problem='context']"))).isEmpty();
		assertThat(browser.driver().findElements(By.id("try-outputs"))).isEmpty();
		browser.screenshot("program-try-it-problem");
	}

	@Test
	void theNewJobFormShowsTheEstimateBeforeItCanBeSubmitted() {
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));

		browser.open("/#/new");
		browser.await(WAIT, d -> d.findElements(By.cssSelector("#train-dataset option[value='" + train + "']")).size() == 1);
		new Select(browser.driver().findElement(By.id("train-dataset"))).selectByValue(train);
		new Select(browser.driver().findElement(By.id("dev-dataset"))).selectByValue(dev);
		WebElement submit = browser.driver().findElement(By.id("submit-job"));
		assertThat(submit.isEnabled()).isFalse();

		// a request the server refuses: its problem is shown as the form shows problems, and Submit stays disabled
		WebElement signature = browser.driver().findElement(By.id("signature"));
		signature.clear();
		signature.sendKeys("no arrow here");
		browser.driver().findElement(By.id("estimate-job")).click();
		String problem = browser.text(By.cssSelector("#job-result .problem"));
		assertThat(problem).contains("400");
		assertThat(browser.driver().findElement(By.id("submit-job")).isEnabled()).isFalse();

		signature.clear();
		signature.sendKeys("context, question -> answer");
		browser.driver().findElement(By.id("estimate-job")).click();
		String taskExpected = browser.text(By.id("estimate-task-expected"));
		String body = """
				{"name": "qa-demo", "trainDatasetId": "%s", "devDatasetId": "%s", "testDatasetId": null,
				 "program": {"signature": "context, question -> answer",
				             "instructions": "Answer the question based on the given context.", "module": "predict"},
				 "metric": "exact_match",
				 "optimizer": {"auto": "light", "seed": 9, "proposalRounds": 1, "maxLmCalls": null},
				 "promptModel": {"model": "gpt-4o-mini"}, "taskModel": {"model": "gpt-4o-mini"}}""".formatted(train, dev);
		Http.Response answer = http.postJson("/api/jobs/estimate", body);
		assertThat(answer.status()).isEqualTo(200);
		JsonNode estimate = answer.json();
		assertThat(estimate.get("task").get("expectedCalls").asLong()).isPositive();
		assertThat(plain(taskExpected)).isEqualTo(estimate.get("task").get("expectedCalls").asLong());
		assertThat(plain(browser.text(By.id("estimate-task-worst")))).isEqualTo(estimate.get("task").get("worstCaseCalls").asLong());
		assertThat(plain(browser.text(By.id("estimate-trials")))).isEqualTo(estimate.get("planned").get("trials").asLong());
		assertThat(browser.text(By.id("estimate-cost"))).isEqualTo(estimate.get("expectedCostUsd").isNull()
				? "no price configured" : "$%.4f".formatted(estimate.get("expectedCostUsd").asDouble()));
		assertThat(browser.text(By.cssSelector("#job-result"))).isEmpty();
		boolean enabled = browser.await(WAIT, d -> d.findElement(By.id("submit-job")).isEnabled());
		assertThat(enabled).isTrue();
		browser.screenshot("new-job-estimate");

		// editing the form makes the estimate stale: Submit is disabled until it is estimated again
		browser.driver().findElement(By.id("job-name-input")).sendKeys("-2");
		assertThat(browser.driver().findElement(By.id("submit-job")).isEnabled()).isFalse();
		assertThat(browser.driver().findElements(By.id("estimate-result"))).isEmpty();
		browser.driver().findElement(By.id("estimate-job")).click();
		browser.await(WAIT, d -> d.findElement(By.id("submit-job")).isEnabled());

		long before = http.get("/api/jobs").json().get("totalElements").asLong();
		browser.driver().findElement(By.id("submit-job")).click();
		String hash = browser.await(WAIT, d -> {
			Object value = browser.script("return location.hash;");
			return String.valueOf(value).startsWith("#/jobs/") ? String.valueOf(value) : null;
		});
		String newId = hash.substring("#/jobs/".length());
		assertThat(http.get("/api/jobs").json().get("totalElements").asLong()).isEqualTo(before + 1);
		assertThat(http.get("/api/jobs/" + newId).json().get("name").asString()).isEqualTo("qa-demo-2");
		http.post("/api/jobs/" + newId + "/cancel", "application/json", new byte[0]);
		client.awaitEnd(newId, Duration.ofMinutes(1));
	}

	/** A number as the dashboard shows it ("1,234") as a long. */
	private static long plain(String shown) {
		Matcher digits = Pattern.compile("^[0-9,]+$").matcher(shown.strip());
		assertThat(digits.matches()).as("a whole number: %s", shown).isTrue();
		return Long.parseLong(shown.strip().replace(",", ""));
	}

}
