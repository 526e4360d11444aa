package io.mipro.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import io.mipro.job.internal.JobEventChannel;
import io.mipro.support.EventStreamClient;
import io.mipro.support.Http;
import io.mipro.support.JobClient;
import io.mipro.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Across instances on PostgreSQL: events another instance stores (here: a plain connection that inserts the row and
 * sends {@code NOTIFY} in one transaction, as an instance does) reach this instance's open stream at once, with no
 * polling; the channel is named after the schema, so other schemas' services are not heard.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mipro.jobs.runner-enabled=false", "mipro.jobs.event-stream-heartbeat=1h" })
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class JobEventStreamPostgresTests {

	static final PostgresTestDatabase database = new PostgresTestDatabase();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@AfterAll
	static void dropSchema() {
		database.drop();
	}

	@LocalServerPort
	int port;

	@Autowired
	JobEventChannel channel;

	@Test
	void eventsStoredByAnotherInstanceArePushedThroughNotify() throws Exception {
		assertThat(channel.name()).isEqualTo("mipro_job_events_" + database.schema());
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String job = client.submit(JobClient.qaJob(client.upload(Path.of("data/train.json")),
				client.upload(Path.of("data/dev.json")), null, null));
		try (EventStreamClient stream = new EventStreamClient(port, "/api/jobs/" + job + "/events", null)) {
			stream.await("\"status\":\"QUEUED\"");

			try (Connection other = DriverManager.getConnection(PostgresTestDatabase.url() + "?currentSchema="
					+ database.schema(), System.getProperty("mipro.test.postgres.user", "postgres"),
					System.getProperty("mipro.test.postgres.password", ""))) {
				other.setAutoCommit(false);
				try (PreparedStatement insert = other.prepareStatement("INSERT INTO job_event (job_id, created_at, "
						+ "type, data) VALUES (CAST(? AS UUID), CURRENT_TIMESTAMP, 'trial', '{\"number\":7}')");
						PreparedStatement notify = other.prepareStatement("SELECT pg_notify(?, ?)")) {
					insert.setString(1, job);
					insert.executeUpdate();
					notify.setString(1, channel.name());
					notify.setString(2, job);
					notify.execute();
				}
				other.commit();
			}

			stream.await("\"number\":7");
			assertThat(stream.lines()).contains("event:trial");
			http.postJson("/api/jobs/" + job + "/cancel", "");
			stream.awaitEnd();
		}
	}

}
