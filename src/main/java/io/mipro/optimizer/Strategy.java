package io.mipro.optimizer;

import java.util.Locale;

/** How a run spends its budget. */
public enum Strategy {

	/** The reference's presets, trial formula and choices, exactly (for comparing with DSPy). */
	REFERENCE,
	/**
	 * The same budget (within 5%) spent where it pays most: many cheap instruction proposals, screened on a small
	 * shared minibatch before the best join the search, which then starts from what screening learned.
	 */
	ADAPTIVE;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Strategy parse(String text) {
		if (text == null) {
			return ADAPTIVE;
		}
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "reference" -> REFERENCE;
			case "adaptive" -> ADAPTIVE;
			default -> throw new ConfigurationException("strategy must be reference or adaptive; got `" + text + "`");
		};
	}

}
