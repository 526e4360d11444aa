package io.mipro.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/** The packaged service in a real process (for the *IT tests): started on a free port, its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Starts the jar with these arguments (a port is added) without waiting for it. */
	public static ServiceProcess launch(Path log, String... args) throws IOException {
		String jar = System.getProperty("mipro.jar");
		assertThat(new File(jar)).as("the packaged jar").exists();
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--server.port=" + port));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("OPENAI_API_KEY");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		return new ServiceProcess(builder.start(), port, log);
	}

	/** Waits until the service answers its health check. */
	public ServiceProcess awaitUp() {
		Http http = http();
		Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> {
				assertThat(process.isAlive()).as("service process alive; see " + log).isTrue();
				return http.get("/actuator/health").status() == 200;
			});
		return this;
	}

	public Http http() {
		return new Http(port);
	}

	public String log() throws IOException {
		return Files.readString(log);
	}

	/** SIGKILL: the process gets no chance to clean up. */
	public void kill() throws InterruptedException {
		process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		assertThat(process.isAlive()).isFalse();
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

}
