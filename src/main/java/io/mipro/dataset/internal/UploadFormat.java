package io.mipro.dataset.internal;

import java.util.Locale;

import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;

import org.springframework.http.HttpStatus;

/** The file formats an upload may have. */
public enum UploadFormat {

	/** One JSON array of flat objects. */
	JSON,
	/** JSON Lines: one flat object per line. */
	JSONL,
	/** Comma-separated values with a header row (RFC 4180 quoting). */
	CSV;

	/**
	 * The format named explicitly, else the one the file name's extension implies, else the one the part's content
	 * type implies; a 415 problem when none applies.
	 */
	public static UploadFormat resolve(String explicit, String filename, String contentType) {
		if (explicit != null && !explicit.isBlank()) {
			return switch (explicit.strip().toLowerCase(Locale.ROOT)) {
				case "json" -> JSON;
				case "jsonl", "ndjson" -> JSONL;
				case "csv" -> CSV;
				default -> throw new InvalidDatasetException(HttpStatus.BAD_REQUEST,
						"Unknown format `" + explicit + "`; use json, jsonl or csv.", UploadPosition.NONE, null);
			};
		}
		String lower = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".json")) {
			return JSON;
		}
		if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
			return JSONL;
		}
		if (lower.endsWith(".csv")) {
			return CSV;
		}
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (type.startsWith("application/json")) {
			return JSON;
		}
		if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")
				|| type.startsWith("application/x-jsonlines") || type.startsWith("application/jsonlines")) {
			return JSONL;
		}
		if (type.startsWith("text/csv")) {
			return CSV;
		}
		throw new InvalidDatasetException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Cannot tell the format of file `" + filename + "` (content type `" + contentType
						+ "`); upload a .json, .jsonl or .csv file, or pass format=json|jsonl|csv.",
				UploadPosition.NONE, null);
	}

	/** A dataset name derived from a file name: the name without directories and extension. */
	public static String baseName(String filename) {
		if (filename == null || filename.isBlank()) {
			return "dataset";
		}
		String name = filename.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		name = dot > 0 ? name.substring(0, dot) : name;
		return name.isBlank() ? "dataset" : name;
	}

}
