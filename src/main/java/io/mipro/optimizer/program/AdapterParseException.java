package io.mipro.optimizer.program;

/** A completion that does not hold the expected output fields; the example counts as answered wrongly. */
public class AdapterParseException extends RuntimeException {

	private final String completion;

	public AdapterParseException(String message, String completion) {
		super(message);
		this.completion = completion;
	}

	public String completion() {
		return completion;
	}

}
