package io.mipro.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/** Reads a Server-Sent Events stream line by line on its own thread, as a browser would, until it ends or is closed. */
public final class EventStreamClient implements AutoCloseable {

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> ended;

	private final Stream<String> body;

	public EventStreamClient(int port, String path, Long lastEventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", Long.toString(lastEventId));
		}
		try {
			HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("event stream answered " + response.statusCode());
			}
			body = response.body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		ended = CompletableFuture.runAsync(() -> {
			try {
				body.forEach(lines::add);
			}
			catch (RuntimeException closed) {
				// the client closed the stream
			}
		});
	}

	public List<String> lines() {
		return new ArrayList<>(lines);
	}

	/** Waits until a line containing {@code text} has arrived. */
	public void await(String text) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains(text)));
	}

	/** Waits until the server ended the stream. */
	public void awaitEnd() {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(ended::isDone);
	}

	public boolean isEnded() {
		return ended.isDone();
	}

	/** The ids of the events received, in order. */
	public List<Long> ids() {
		return lines.stream().filter(l -> l.startsWith("id:")).map(l -> Long.parseLong(l.substring(3).strip())).toList();
	}

	@Override
	public void close() {
		body.close();
	}

}
