package io.mipro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the Docker files are kept correct by reading them: the compose file must wire the
 * service to its PostgreSQL with the environment names Spring binds, and the image must run as a non-root user.
 */
class DeploymentFilesTests {

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@Test
	void composeRunsTheServiceOnItsPostgres() throws IOException {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			compose = new Yaml().load(reader);
		}
		Map<String, Object> services = map(compose.get("services"));
		Map<String, Object> postgres = map(services.get("postgres"));
		Map<String, Object> mipro = map(services.get("mipro"));
		Map<String, Object> db = map(postgres.get("environment"));
		Map<String, Object> env = map(mipro.get("environment"));

		assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + db.get("POSTGRES_DB"))
			.containsEntry("SPRING_DATASOURCE_USERNAME", db.get("POSTGRES_USER"))
			.containsEntry("SPRING_DATASOURCE_PASSWORD", db.get("POSTGRES_PASSWORD"))
			.containsKeys("OPENAI_API_KEY", "OPENAI_BASE_URL");
		assertThat(map(map(mipro.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
		assertThat(postgres).containsKeys("healthcheck", "volumes");
		assertThat(mipro).containsKeys("healthcheck", "build");
		assertThat((List<String>) postgres.get("volumes")).anyMatch(volume -> volume.startsWith("pgdata:"));
		assertThat(map(compose.get("volumes"))).containsKey("pgdata");
		assertThat(Path.of("src/main/resources/application-postgres.properties")).exists();
	}

	@Test
	void imageIsMultiStageNonRootAndHealthChecked() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

		assertThat(lines.stream().filter(line -> line.startsWith("FROM "))).hasSize(2)
			.anyMatch(line -> line.contains("temurin") && line.contains("jre"));
		assertThat(lines).anyMatch(line -> line.startsWith("USER mipro"))
			.anyMatch(line -> line.startsWith("HEALTHCHECK"))
			.anyMatch(line -> line.startsWith("EXPOSE 8080"));
	}

}
