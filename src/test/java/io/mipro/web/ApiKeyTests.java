package io.mipro.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.mipro.support.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code mipro.api.key} set, the API needs the key; health, info and the API docs stay open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mipro.api.key=s3cret-api-key", "mipro.jobs.runner-enabled=false" })
class ApiKeyTests {

	@LocalServerPort
	int port;

	private HttpResponse<String> get(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theApiNeedsTheKey() throws Exception {
		HttpResponse<String> none = get("/api/datasets", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(none.body()).contains("X-API-Key");
		assertThat(get("/api/jobs", "wrong").statusCode()).isEqualTo(401);
		assertThat(get("/api/datasets", "s3cret-api-key").statusCode()).isEqualTo(200);
		assertThat(get("/api/jobs", "s3cret-api-key").statusCode()).isEqualTo(200);
		Http.Response post = new Http(port).postJson("/api/datasets", "{\"examples\": [{\"q\": \"a\"}]}");
		assertThat(post.status()).isEqualTo(401);
	}

	@Test
	void healthInfoAndDocsStayOpenAndDocsDescribeTheKey() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
		assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
		HttpResponse<String> docs = get("/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("\"apiKey\"").contains("X-API-Key");
	}

}
