package io.mipro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.PostgresTestDatabase;
import io.mipro.support.ServiceProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A fleet of two packaged services in real processes on the machine's PostgreSQL (a fresh schema per test), with
 * the simulated model slowed down so jobs take several lease periods.
 Both instances' clocks are ten minutes off the database's (one behind, one ahead), and one is killed with SIGKILL
 * while both run jobs: every job SUCCEEDS exactly once, no trial number appears twice, identical jobs give identical
 * programs, no live job is taken over, and the dead instance's jobs are, once.
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class FleetIT {

	static final int JOBS = 4;

	@TempDir
	Path logs;

	final PostgresTestDatabase database = new PostgresTestDatabase();

	final List<ServiceProcess> services = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (ServiceProcess service : services) {
			service.close();
		}
		database.drop();
	}

	private ServiceProcess launch(String name, String... extra) throws Exception {
		String url = PostgresTestDatabase.url() + "?currentSchema=" + database.schema();
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + url,
				"--spring.datasource.username=" + System.getProperty("mipro.test.postgres.user", "postgres"),
				"--spring.datasource.password=" + System.getProperty("mipro.test.postgres.password", ""),
				"--spring.flyway.schemas=" + database.schema(), "--spring.flyway.default-schema=" + database.schema(),
				"--mipro.llm.simulated-latency=30ms", "--mipro.llm.cache=false", "--mipro.jobs.lease-duration=2s",
				"--mipro.jobs.poll-interval=200ms", "--mipro.jobs.max-concurrent=2"));
		args.addAll(List.of(extra));
		ServiceProcess service = ServiceProcess.launch(logs.resolve(name + ".log"), args.toArray(String[]::new));
		services.add(service);
		return service;
	}

	private static List<String> submitJobs(Http http) {
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		String body = JobClient.qaJob(train, dev, null, "\"numThreads\": 1");
		return IntStream.range(0, JOBS).mapToObj(i -> client.submit(body)).toList();
	}

	private static List<String> trials(Http http, String job) {
		List<String> trials = new ArrayList<>();
		for (JsonNode trial : http.get("/api/jobs/" + job + "/trials").json()) {
			trials.add(trial.get("number") + ":" + trial.get("kind").asString() + ":" + trial.get("params") + ":"
					+ trial.get("score").asDouble());
		}
		return trials;
	}

	private static long statusEvents(Http http, String job, String status) {
		return http.get("/api/jobs/" + job + "/events").body().lines()
			.filter(line -> line.contains("\"status\":\"" + status + "\""))
			.count();
	}

	/** Every job SUCCEEDED exactly once, trials numbered 1..n once each, identical jobs identical. */
	private static void assertAllSucceededOnceAndAlike(Http http, List<String> jobs) {
		JobClient client = new JobClient(http);
		List<String> reference = null;
		JsonNode program = null;
		for (String job : jobs) {
			JsonNode view = client.awaitEnd(job, Duration.ofMinutes(3));
			assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
			assertThat(statusEvents(http, job, "SUCCEEDED")).as("SUCCEEDED once: " + job).isEqualTo(1);
			List<String> trials = trials(http, job);
			assertThat(trials).extracting(t -> Integer.parseInt(t.substring(0, t.indexOf(':'))))
				.as("each trial number once").containsExactlyElementsOf(IntStream.rangeClosed(1, 11).boxed().toList());
			JsonNode self = http.get("/api/jobs/" + job + "/artifact").json().get("self");
			if (reference == null) {
				reference = trials;
				program = self;
			}
			assertThat(trials).isEqualTo(reference);
			assertThat(self).isEqualTo(program);
		}
	}

	/** The jobs an instance claimed, from its log. */
	private static List<String> claimedBy(ServiceProcess service, List<String> jobs) throws Exception {
		String log = service.log();
		return jobs.stream().filter(job -> log.contains("Claimed job " + job)).toList();
	}

	private static String events(Http http, String job) {
		return http.get("/api/jobs/" + job + "/events").body();
	}

	/**
	 * One fleet, both faults: the two instances' clocks are ten minutes off the database's, one behind and one
	 * ahead, and the one ahead is killed with SIGKILL mid-run. Had leases used the instances' clocks, the instance
	 * ahead would have taken the other's live jobs at once (its clock says their leases ran out ten minutes ago), and
	 * the instance behind would have waited ten minutes before taking the dead one's jobs over.
	 */
	@Test
	void aSkewedFleetThatLosesAnInstanceRunsEveryJobExactlyOnce() throws Exception {
		ServiceProcess behind = launch("behind", "--mipro.jobs.clock-skew=-10m");
		ServiceProcess ahead = launch("ahead", "--mipro.jobs.clock-skew=10m");
		behind.awaitUp();
		ahead.awaitUp();
		Http http = behind.http();
		JobClient client = new JobClient(http);
		List<String> jobs = submitJobs(http);
		// both instances busy: each runs two of the four
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/jobs?status=RUNNING").json().get("totalElements").asInt() == JOBS);
		List<String> ofAhead = claimedBy(ahead, jobs);
		List<String> ofBehind = claimedBy(behind, jobs);
		assertThat(ofAhead).hasSize(2);
		assertThat(ofBehind).hasSize(2).doesNotContainAnyElementsOf(ofAhead);
		// the instance ahead polls every 200 ms: with leases on instance clocks it would take the other's jobs now
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
			.until(() -> ofAhead.stream().allMatch(j -> client.job(j).get("progress").get("completedTrials").asInt() >= 1));

		ahead.kill();

		assertAllSucceededOnceAndAlike(http, jobs);
		for (String job : ofBehind) {
			assertThat(events(http, job)).as("never taken over").doesNotContain("lease expired")
				.doesNotContain("\"attempt\":2");
		}
		int takenOver = 0;
		for (String job : ofAhead) {
			String events = events(http, job);
			// a job of the killed instance that was still running is taken over once; one that had ended is not
			assertThat(events.split("lease expired", -1).length - 1).as("taken over at most once").isLessThanOrEqualTo(1);
			assertThat(events).doesNotContain("\"attempt\":3");
			if (events.contains("lease expired")) {
				assertThat(events).contains("\"attempt\":2");
				takenOver++;
			}
		}
		assertThat(takenOver).as("the instance was killed while running jobs").isPositive();
		// the skew was real: each instance saw its clock ten minutes off the database's
		assertThat(behind.log()).contains("Clock skew").contains("behind the database's");
		assertThat(ahead.log()).contains("Clock skew").contains("ahead of the database's");
	}

}
