package io.mipro.program.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored program: its pipeline spec and task model as JSON (the job request's forms), and its instructions and
 * demos as the DSPy saved-program JSON it downloads as.
 */
public record ProgramRow(UUID id, String name, String source, UUID jobId, String spec, String artifact,
		String taskModel, Instant createdAt) {

}
