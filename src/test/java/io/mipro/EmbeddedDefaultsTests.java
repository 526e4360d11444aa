package io.mipro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mipro.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as README command 1 starts it: the main class with only the packaged configuration (the test-only
 * overrides are left out) and H2 in file mode under a data directory. Datasets must survive a restart.
 */
class EmbeddedDefaultsTests {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(MiproServiceApplication.class).run(
				"--spring.config.location=classpath:/application.properties", "--server.port=0",
				"--mipro.data-dir=" + dataDir);
	}

	private static Http http(ConfigurableApplicationContext context) {
		return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void datasetsSurviveARestartInTheDataDirectory() throws Exception {
		String id;
		try (ConfigurableApplicationContext first = start()) {
			JsonNode created = http(first)
				.upload("/api/datasets", "train.json", "application/json", Files.readAllBytes(Path.of("data/train.json")))
				.json();
			assertThat(created.get("size").asInt()).isEqualTo(50);
			id = created.get("id").asString();
		}
		assertThat(dataDir.resolve("db/mipro.mv.db")).exists();

		try (ConfigurableApplicationContext second = start()) {
			Http http = http(second);
			JsonNode dataset = http.get("/api/datasets/" + id).json();
			assertThat(dataset.get("size").asInt()).isEqualTo(50);
			assertThat(http.get("/api/datasets/" + id + "/examples?size=50").json().get("content").size()).isEqualTo(50);
		}
	}

}
