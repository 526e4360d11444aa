package io.mipro.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public datasets in {@code ../shared/data}, read at test time (never copied into the project). */
public final class SharedData {

	private SharedData() {
	}

	public static Path file(String dataset, String split) {
		String env = System.getenv("MIPRO_SHARED_DATA");
		for (String root : new String[] { env, System.getProperty("mipro.shared.data"), "../shared/data",
				"/work/shared/data" }) {
			if (root != null && Files.isRegularFile(Path.of(root, dataset, split + ".json"))) {
				return Path.of(root, dataset, split + ".json");
			}
		}
		throw new IllegalStateException("Shared dataset " + dataset + "/" + split + ".json was not found next to the "
				+ "project (../shared/data); set MIPRO_SHARED_DATA to the shared/data directory.");
	}

	/** A program DSPy itself saved, in {@code ../shared/fixtures/dspy} (beside the shared data). */
	public static Path dspyFixture(String name) {
		String env = System.getenv("MIPRO_SHARED_DATA");
		for (String root : new String[] { env, System.getProperty("mipro.shared.data"), "../shared/data",
				"/work/shared/data" }) {
			if (root != null) {
				Path fixture = Path.of(root).toAbsolutePath().normalize().resolveSibling("fixtures").resolve("dspy")
					.resolve(name);
				if (Files.isRegularFile(fixture)) {
					return fixture;
				}
			}
		}
		throw new IllegalStateException("DSPy fixture " + name + " was not found in ../shared/fixtures/dspy; set "
				+ "MIPRO_SHARED_DATA to the shared/data directory beside it.");
	}

}
