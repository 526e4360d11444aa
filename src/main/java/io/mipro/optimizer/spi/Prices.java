package io.mipro.optimizer.spi;

/**
 * What a model's tokens cost, by model name, for the cost shown in usage and the {@code maxCostUsd} budget. A model
 * without a price costs nothing here; its calls are counted as unpriced instead, so a cost is never silently low.
 */
@FunctionalInterface
public interface Prices {

	/** No prices known: every call is unpriced. */
	Prices NONE = model -> null;

	/** The price of a model, or null when none is configured. */
	Price of(String model);

	/** US dollars per million input and output tokens. */
	record Price(double inputPerMtok, double outputPerMtok) {

		public Price {
			if (!(inputPerMtok >= 0) || !(outputPerMtok >= 0) || !Double.isFinite(inputPerMtok)
					|| !Double.isFinite(outputPerMtok)) {
				throw new IllegalArgumentException("prices must be finite and not negative");
			}
		}

		public double cost(long inputTokens, long outputTokens) {
			return (inputTokens * inputPerMtok + outputTokens * outputPerMtok) / 1_000_000;
		}

	}

}
