package io.mipro.optimizer.spi;

/**
 * A model and its call options. A null temperature or max-tokens leaves the provider's default (the reference
 * leaves temperature to the LM object as well).
 */
public record ModelSettings(String model, Double temperature, Integer maxTokens) {

	public ModelSettings {
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("a model name is required");
		}
		if (temperature != null && (temperature < 0 || temperature > 2)) {
			throw new IllegalArgumentException("temperature must be within [0, 2]; got " + temperature);
		}
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be positive; got " + maxTokens);
		}
	}

	public static ModelSettings of(String model) {
		return new ModelSettings(model, null, null);
	}

}
