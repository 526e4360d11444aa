package io.mipro.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public datasets in {@code ../shared/data}, read at test time (never copied into the project). */
public final class SharedData {

	private SharedData() {
	}

	public static Path file(String dataset, String split) {
		String root = System.getenv().getOrDefault("MIPRO_SHARED_DATA",
				System.getProperty("mipro.shared.data", "../shared/data"));
		Path file = Path.of(root, dataset, split + ".json");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("Shared dataset " + file.toAbsolutePath()
					+ " is missing; set MIPRO_SHARED_DATA to the shared/data directory.");
		}
		return file;
	}

}
