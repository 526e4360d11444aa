package io.mipro.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server the build points tests at ({@code -Dtest.postgres.url}, default the machine's
 * 127.0.0.1:5432/test). Each test class gets its own schema, so runs never see each other's rows; the schema is
 * dropped afterwards. When the URL is configured and the server is unreachable, creating the schema throws and the
 * tests fail: they never silently skip.
 */
public final class PostgresTestDatabase {

	public static final String URL_PROPERTY = "mipro.test.postgres.url";

	private final String schema = "mipro_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	public static String url() {
		return System.getProperty(URL_PROPERTY, "");
	}

	private static String user() {
		return System.getProperty("mipro.test.postgres.user", "postgres");
	}

	private static String password() {
		return System.getProperty("mipro.test.postgres.password", "");
	}

	public String schema() {
		return schema;
	}

	/** Creates the schema and registers the datasource and Flyway properties that point at it. */
	public void register(DynamicPropertyRegistry registry) {
		create();
		String base = url();
		String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", PostgresTestDatabase::user);
		registry.add("spring.datasource.password", PostgresTestDatabase::password);
		registry.add("spring.flyway.schemas", () -> schema);
		registry.add("spring.flyway.default-schema", () -> schema);
	}

	/** Creates the (empty) schema. */
	public void create() {
		execute("CREATE SCHEMA " + schema);
	}

	public void drop() {
		execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(url(), user(), password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + url() + " is configured for the tests but not usable ("
					+ ex.getMessage() + "). Start it, or run with -Dtest.postgres.url= to leave it out.", ex);
		}
	}

}
