package io.mipro.dataset;

/**
 * A place in an upload: a 1-based line, a 1-based example number and a field name; 0 or null where unknown.
 */
public record UploadPosition(long line, int example, String field) {

	public static final UploadPosition NONE = new UploadPosition(0, 0, null);

	public static UploadPosition line(long line) {
		return new UploadPosition(line, 0, null);
	}

	public static UploadPosition example(int example, long line) {
		return new UploadPosition(line, example, null);
	}

	public UploadPosition withField(String name) {
		return new UploadPosition(line, example, name);
	}

	/** A prefix for a message such as {@code "Example 3 (line 7), field `answer`: "}; empty for {@link #NONE}. */
	String describe() {
		StringBuilder text = new StringBuilder();
		if (example > 0) {
			text.append("Example ").append(example);
			if (line > 0) {
				text.append(" (line ").append(line).append(')');
			}
		}
		else if (line > 0) {
			text.append("Line ").append(line);
		}
		if (field != null) {
			text.append(text.isEmpty() ? "Field `" : ", field `").append(field).append('`');
		}
		return text.isEmpty() ? "" : text.append(": ").toString();
	}

}
