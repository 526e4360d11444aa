package io.mipro.optimizer.spi;

/** A model's answer, the tokens it cost, and whether it came from the response cache (then it cost no call). */
public record Completion(String text, long inputTokens, long outputTokens, boolean cached) {

	public static Completion of(String text) {
		return new Completion(text, 0, 0, false);
	}

}
