package io.mipro.dataset.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.dataset.InvalidDatasetException;
import io.mipro.dataset.UploadPosition;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV with a header row (RFC 4180 quoting, comma separated, empty lines ignored). Every row must have exactly
 * as many values as the header has names.
 */
final class CsvExampleReader {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

	private final ExampleCollector collector;

	private final boolean refuseFormulas;

	CsvExampleReader(ExampleCollector collector, boolean refuseFormulas) {
		this.collector = collector;
		this.refuseFormulas = refuseFormulas;
	}

	/** A signed plain number such as "-5", "+3.2" or "-1,200": the only cells that may start with + or -. */
	private static final java.util.regex.Pattern SIGNED_NUMBER = java.util.regex.Pattern
		.compile("[+-](\\d[\\d,]*)?(\\.\\d+)?([eE][+-]?\\d+)?%?");

	/**
	 * Whether a spreadsheet would evaluate the cell: it starts with {@code =}, {@code @}, a tab or a carriage
	 * return, or with {@code +} or {@code -} and is not a plain number ("-5" stays a value; "-2+3+cmd" does not).
	 */
	static boolean looksLikeFormula(String value) {
		if (value.isEmpty()) {
			return false;
		}
		char first = value.charAt(0);
		if (first == '=' || first == '@' || first == '\t' || first == '\r') {
			return true;
		}
		if (first == '+' || first == '-') {
			return value.length() > 1 && !SIGNED_NUMBER.matcher(value).matches();
		}
		return false;
	}

	void read(String text) {
		LineIndex lines = new LineIndex(text);
		try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
			Iterator<CSVRecord> records = parser.iterator();
			CSVRecord header = next(records, parser, lines);
			List<String> names = header.toList();
			UploadPosition headerAt = UploadPosition.line(lines.lineOf(header.getCharacterPosition()));
			for (String name : names) {
				ExampleCollector.checkFieldName(name, headerAt.withField(name));
			}
			if (names.stream().distinct().count() != names.size()) {
				throw new InvalidDatasetException("The header repeats a column name: " + names + ".", headerAt);
			}
			int example = 0;
			CSVRecord record;
			while ((record = next(records, parser, lines)) != null) {
				example++;
				UploadPosition at = UploadPosition.example(example, lines.lineOf(record.getCharacterPosition()));
				if (record.size() != names.size()) {
					throw new InvalidDatasetException("The row has " + record.size() + " values but the header has "
							+ names.size() + " columns " + names + ".", at);
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (int i = 0; i < names.size(); i++) {
					String value = record.get(i);
					if (refuseFormulas && looksLikeFormula(value)) {
						throw new InvalidDatasetException("The cell starts like a spreadsheet formula (" + value.charAt(0)
								+ "); CSV files travel through spreadsheets, so such cells are refused. Quote-proof it "
								+ "(for example with a leading space) or upload JSON.", at.withField(names.get(i)));
					}
					values.put(names.get(i), value);
				}
				collector.add(values, at);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The next record, null at the end, or a problem naming the line where the CSV syntax broke. */
	private static CSVRecord next(Iterator<CSVRecord> records, CSVParser parser, LineIndex lines) {
		try {
			return records.hasNext() ? records.next() : null;
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			String message = ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage();
			return failSyntax(message, parser.getCurrentLineNumber() + 1);
		}
	}

	private static CSVRecord failSyntax(String message, long line) {
		throw new InvalidDatasetException("Invalid CSV: " + message, UploadPosition.line(line));
	}

	/** Maps character offsets to 1-based line numbers. */
	private static final class LineIndex {

		private final int[] lineStarts;

		LineIndex(String text) {
			int[] starts = new int[16];
			int count = 1;
			for (int i = 0; i < text.length(); i++) {
				if (text.charAt(i) == '\n') {
					if (count == starts.length) {
						starts = Arrays.copyOf(starts, count * 2);
					}
					starts[count++] = i + 1;
				}
			}
			this.lineStarts = Arrays.copyOf(starts, count);
		}

		long lineOf(long offset) {
			int found = Arrays.binarySearch(lineStarts, (int) offset);
			return found >= 0 ? found + 1 : -found - 1;
		}

	}

}
