package io.mipro.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.mipro.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Jobs on PostgreSQL, where several instances share the queue. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "mipro.jobs.runner-enabled=false")
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class PostgresJobStoreTests extends JobStoreContract {

	static final PostgresTestDatabase database = new PostgresTestDatabase();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@AfterAll
	static void dropSchema() {
		database.drop();
	}

	@Override
	void secondClaimerSees(List<UUID> second, List<UUID> queued, List<UUID> first) {
		// SKIP LOCKED: the second claimer gets exactly the job the first does not hold
		List<UUID> rest = queued.stream().filter(id -> !first.contains(id)).toList();
		assertThat(second).containsExactlyElementsOf(rest);
	}

}
