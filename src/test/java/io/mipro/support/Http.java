package io.mipro.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for tests against a server on a random port (no MockMvc shortcuts). */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;

	public Http(int port) {
		this.base = "http://localhost:" + port;
	}

	/** A response with its body as text and, on demand, as JSON. */
	public record Response(int status, String contentType, String location, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public boolean isProblem() {
			return contentType != null && contentType.startsWith("application/problem+json");
		}

	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
	}

	public Response post(String path, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public Response postJson(String path, String json) {
		return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	public Response send(String method, String path, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request);
	}

	/** A multipart/form-data upload of one file part named {@code file}, plus optional text fields. */
	public Response upload(String path, String filename, String partContentType, byte[] content, String... fields) {
		String boundary = "----mipro" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i + 1 < fields.length; i += 2) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
					+ fields[i + 1] + "\r\n");
		}
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + partContentType + "\r\n\r\n");
		body.writeBytes(content);
		write(body, "\r\n--" + boundary + "--\r\n");
		return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValue("Location").orElse(null), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
