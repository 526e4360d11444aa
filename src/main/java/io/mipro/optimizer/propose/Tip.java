package io.mipro.optimizer.propose;

import java.util.List;

/**
 * The six prompting tips, one drawn uniformly per proposal (reference keys; our own wording). {@link #NONE} adds no
 * tip to the prompt.
 */
public enum Tip {

	NONE("none", ""),
	CREATIVE("creative", "Be inventive: the new instruction may approach the task from an unexpected angle."),
	SIMPLE("simple", "Keep the instruction short, clear and simple."),
	DESCRIPTION("description", "Make the instruction informative: describe the task and what a good answer looks like."),
	HIGH_STAKES("high_stakes", "Frame the task as a high-stakes situation in which the model must get the answer right."),
	PERSONA("persona", "Open the instruction with a persona that suits the task (for example, \"You are a ...\").");

	public static final List<Tip> ALL = List.of(values());

	private final String key;

	private final String text;

	Tip(String key, String text) {
		this.key = key;
		this.text = text;
	}

	public String key() {
		return key;
	}

	public String text() {
		return text;
	}

	public static Tip ofKey(String key) {
		for (Tip tip : values()) {
			if (tip.key.equals(key)) {
				return tip;
			}
		}
		throw new IllegalArgumentException("unknown tip " + key);
	}

}
