package io.mipro.dataset.internal;

import io.mipro.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dataset store on the PostgreSQL server the build is configured with (see {@link PostgresTestDatabase}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class PostgresDatasetStoreTests extends DatasetStoreContract {

	static final PostgresTestDatabase database = new PostgresTestDatabase();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@AfterAll
	static void dropSchema() {
		database.drop();
	}

}
