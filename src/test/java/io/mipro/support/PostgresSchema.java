package io.mipro.support;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A migrated schema of its own on the tests' PostgreSQL, without a Spring context: for tests of the fleet's
 * database parts that play several instances in one JVM.
 */
public final class PostgresSchema implements AutoCloseable {

	private final PostgresTestDatabase database = new PostgresTestDatabase();

	private final DriverManagerDataSource dataSource;

	public PostgresSchema() {
		database.create();
		String base = PostgresTestDatabase.url();
		dataSource = new DriverManagerDataSource(
				base + (base.contains("?") ? "&" : "?") + "currentSchema=" + database.schema(),
				System.getProperty("mipro.test.postgres.user", "postgres"),
				System.getProperty("mipro.test.postgres.password", ""));
		Flyway.configure().dataSource(dataSource).schemas(database.schema()).defaultSchema(database.schema())
			.locations("classpath:db/migration").load().migrate();
	}

	public DataSource dataSource() {
		return dataSource;
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource);
	}

	public String schema() {
		return database.schema();
	}

	@Override
	public void close() {
		database.drop();
	}

}
