package io.mipro.dataset.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.mipro.dataset.DatasetLimits;
import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;
import io.mipro.web.SafeText;

import org.springframework.http.HttpStatus;

/**
 * Turns uploaded bytes into a validated {@link ParsedDataset}, or refuses them with a problem that names the first
 * offending line or example. Stateless apart from its limits; safe to share.
 */
public final class DatasetParser {

	private final DatasetLimits limits;

	public DatasetParser(DatasetLimits limits) {
		this.limits = limits;
	}

	/** A dataset with the name a JSON body gave it (null when it gave none). */
	public record NamedDataset(String name, ParsedDataset dataset) {
	}

	public ParsedDataset parseFile(byte[] content, UploadFormat format) {
		String text = decode(content);
		ExampleCollector collector = new ExampleCollector(limits);
		switch (format) {
			case JSON -> new JsonExampleReader(collector).readArray(text);
			case JSONL -> new JsonExampleReader(collector).readLines(text);
			case CSV -> new CsvExampleReader(collector, limits.refuseCsvFormulas()).read(text);
		}
		return collector.finish();
	}

	public NamedDataset parseJsonBody(byte[] body) {
		String text = decode(body);
		ExampleCollector collector = new ExampleCollector(limits);
		String name = new JsonExampleReader(collector).readBody(text);
		return new NamedDataset(name, collector.finish());
	}

	private String decode(byte[] content) {
		if (content.length > limits.maxUploadSize().toBytes()) {
			throw new InvalidDatasetException(HttpStatus.CONTENT_TOO_LARGE,
					"The upload has " + content.length + " bytes; at most " + limits.maxUploadSize().toBytes()
							+ " are allowed (mipro.datasets.max-upload-size).",
					UploadPosition.NONE, null);
		}
		String text = strictUtf8(content);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.isBlank()) {
			throw new InvalidDatasetException("The upload is empty.");
		}
		return text;
	}

	/** Decodes UTF-8, refusing (rather than replacing) malformed bytes, and names the line they are on. */
	static String strictUtf8(byte[] content) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(content);
		CharBuffer out = CharBuffer.allocate(content.length);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			int offset = in.position();
			long line = 1;
			for (int i = 0; i < offset; i++) {
				if (content[i] == '\n') {
					line++;
				}
			}
			throw new InvalidDatasetException(
					"The upload is not valid UTF-8: byte offset " + offset + " starts an invalid sequence (0x"
							+ String.format("%02X", content[offset]) + "). Save the file as UTF-8.",
					UploadPosition.line(line));
		}
		return out.flip().toString();
	}

	/** Refuses text a database cannot store faithfully (see {@link SafeText}). */
	public static void checkText(String value, UploadPosition at) {
		SafeText.problem(value).ifPresent(problem -> {
			throw new InvalidDatasetException("The value " + problem + ".", at);
		});
	}

}
