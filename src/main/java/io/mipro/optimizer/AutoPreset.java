package io.mipro.optimizer;

import java.util.Locale;

/** The reference's auto presets: candidate count {@code n} and validation-set cap. */
public enum AutoPreset {

	LIGHT(6, 100), MEDIUM(12, 300), HEAVY(18, 1000);

	private final int candidates;

	private final int valsetCap;

	AutoPreset(int candidates, int valsetCap) {
		this.candidates = candidates;
		this.valsetCap = valsetCap;
	}

	public int candidates() {
		return candidates;
	}

	public int valsetCap() {
		return valsetCap;
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** light, medium or heavy; null for none. */
	public static AutoPreset parse(String text) {
		if (text == null) {
			return null;
		}
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "light" -> LIGHT;
			case "medium" -> MEDIUM;
			case "heavy" -> HEAVY;
			default -> throw new ConfigurationException("auto must be light, medium or heavy (or null); got `" + text + "`");
		};
	}

}
