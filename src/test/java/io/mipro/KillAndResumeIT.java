package io.mipro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service in a real process, killed with SIGKILL mid-job and started again on the same data directory:
 * the job resumes from its last persisted trial and ends with the trials and program of an uninterrupted run.
 */
class KillAndResumeIT {

	@TempDir
	Path dataDir;

	final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopAll() throws InterruptedException {
		for (Process process : processes) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Process start(int port, Path log) throws IOException {
		String jar = System.getProperty("mipro.jar");
		assertThat(new File(jar)).as("the packaged jar").exists();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar, "--server.port=" + port, "--mipro.data-dir=" + dataDir,
				"--mipro.llm.simulated-latency=15ms", "--mipro.jobs.lease-duration=3s",
				"--mipro.jobs.poll-interval=200ms");
		builder.environment().remove("OPENAI_API_KEY");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process = builder.start();
		processes.add(process);
		Http http = new Http(port);
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> http.get("/actuator/health").status() == 200);
		return process;
	}

	private static List<String> trials(Http http, String job) {
		List<String> trials = new ArrayList<>();
		for (JsonNode trial : http.get("/api/jobs/" + job + "/trials").json()) {
			trials.add(trial.get("number") + ":" + trial.get("kind").asString() + ":" + trial.get("params") + ":"
					+ trial.get("score").asDouble());
		}
		return trials;
	}

	@Test
	void aKilledServiceResumesItsJobOnRestart() throws Exception {
		int port = freePort();
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		Process first = start(port, dataDir.resolve("first.log"));
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String body = JobClient.qaJob(train, dev, null, null);
		String job = client.submit(body);
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
			.until(() -> client.job(job).get("progress").get("completedTrials").asInt() >= 3);

		first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		assertThat(first.isAlive()).isFalse();

		start(port, dataDir.resolve("second.log"));
		JsonNode before = client.job(job);
		assertThat(before.get("status").asString()).as("still RUNNING (its lease has not expired yet) or requeued")
			.isIn("RUNNING", "QUEUED");
		int trialsBefore = before.get("progress").get("completedTrials").asInt();
		assertThat(trialsBefore).isGreaterThanOrEqualTo(3);

		JsonNode resumed = client.awaitEnd(job, Duration.ofMinutes(2));
		assertThat(resumed.get("status").asString()).as(resumed.toString()).isEqualTo("SUCCEEDED");
		String events = http.get("/api/jobs/" + job + "/events").body();
		assertThat(events).contains("lease expired").contains("\"attempt\":2");
		assertThat(Files.readString(dataDir.resolve("second.log"))).contains("Resuming job " + job);

		String reference = client.submit(body);
		assertThat(client.awaitEnd(reference, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(trials(http, job)).hasSize(11).isEqualTo(trials(http, reference));
		assertThat(http.get("/api/jobs/" + job + "/artifact").json().get("self"))
			.isEqualTo(http.get("/api/jobs/" + reference + "/artifact").json().get("self"));
	}

}
