package io.mipro.dataset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a stored dataset looks like from outside: its identity, size, field names (in upload order) and a
 * content hash that provenance records carry so an artifact names exactly the data it was optimized on.
 */
@Schema(description = "A stored dataset")
public record DatasetView(@Schema(example = "0b6f3a52-2f0e-4c55-9d7e-2b0e8a3c9f11") UUID id,
		@Schema(example = "qa-train") String name,
		@Schema(description = "Number of examples", example = "50") int size,
		@Schema(description = "Field names in upload order", example = "[\"question\", \"context\", \"answer\"]") List<String> fields,
		@Schema(description = "SHA-256 of the examples in canonical JSON Lines form",
				example = "9f2c1d7e5b3a4c6d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d") String contentHash,
		@Schema(example = "2026-11-26T11:00:00Z") Instant createdAt) {

	public DatasetView {
		fields = List.copyOf(fields);
	}

}
