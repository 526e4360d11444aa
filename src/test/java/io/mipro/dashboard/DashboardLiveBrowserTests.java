package io.mipro.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.mipro.llm.ModelProvider;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import io.mipro.support.Browser;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The dashboard watching a running job in a real headless Chromium: the progress bar moves with the job's event stream
 * (the job page does not poll), and the cancel button cancels. The simulated model is slowed down so a job runs long
 * enough to watch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mipro.llm.cache=false")
class DashboardLiveBrowserTests {

	@TestConfiguration
	static class SlowModel {

		@Bean
		@Primary
		ModelProvider slowSimulated() {
			return new SimulatedLanguageModel(Duration.ofMillis(40));
		}

	}

	@LocalServerPort
	int port;

	Http http;

	JobClient client;

	Browser browser;

	String train;

	String dev;

	@BeforeEach
	void start() {
		http = new Http(port);
		client = new JobClient(http);
		train = client.upload(Path.of("data/train.json"));
		dev = client.upload(Path.of("data/dev.json"));
		browser = Browser.start(port, 1400, 1100);
	}

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	/** Read in one script: the header is re-rendered on every event, so element handles go stale. */
	private int progress() {
		Object value = browser.script("const bar = document.querySelector('#job-page .progress');"
				+ " return bar ? bar.getAttribute('aria-valuenow') : '-1';");
		return Integer.parseInt(String.valueOf(value));
	}

	private String status() {
		return String.valueOf(browser.script("const badge = document.querySelector('#job-page .badge');"
				+ " return badge ? badge.textContent : '';"));
	}

	@Test
	void theProgressBarMovesWithTheEventStream() {
		String id = client.submit(JobClient.qaJob(train, dev, null, "\"numThreads\": 2"));
		browser.open("/#/jobs/" + id);
		browser.await(Duration.ofSeconds(20), d -> "sse".equals(d.findElement(By.id("job-page")).getDomAttribute("data-live")));
		// a marker that a reload would wipe: the updates must come to this very page
		browser.script("window.__samePage = true;");
		int start = progress();

		browser.await(Duration.ofSeconds(60), d -> progress() >= start + 2);

		assertThat(browser.script("return window.__samePage === true;")).isEqualTo(true);
		assertThat(browser.driver().findElement(By.id("job-page")).getDomAttribute("data-live")).isEqualTo("sse");
		int shown = progress();
		int actual = client.job(id).get("progress").get("completedTrials").asInt();
		assertThat(shown).isBetween(start + 2, actual);
		browser.screenshot("job-running");
		http.postJson("/api/jobs/" + id + "/cancel", "");
		client.awaitEnd(id, Duration.ofSeconds(30));
	}

	@Test
	void theCancelButtonCancelsARunningJob() {
		String id = client.submit(JobClient.qaJob(train, dev, null, "\"numThreads\": 2"));
		browser.open("/#/jobs/" + id);
		browser.await(Duration.ofSeconds(60), d -> progress() >= 1 && "RUNNING".equals(status()));
		// the page renders the button and the badge from the same view, but under load a render can land between
		// the two reads: click only once the button is on screen
		browser.await(Duration.ofSeconds(30), d -> {
			var button = d.findElement(By.id("cancel-button"));
			return button.isDisplayed() && button.isEnabled();
		});

		browser.driver().findElement(By.id("cancel-button")).click();

		browser.await(Duration.ofSeconds(30), d -> "CANCELLED".equals(status()));
		assertThat(client.job(id).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(browser.driver().findElement(By.id("cancel-button")).isDisplayed()).isFalse();
		browser.screenshot("job-cancelled");
	}

}
