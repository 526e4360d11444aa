package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of passages as one text value, the way DSPy's adapters render a list given to a text field: {@code N/A}
 * when empty, the passage in guillemets when alone, else one {@code [i] «passage»} line each; a passage with line
 * breaks or guillemets goes in an indented {@code «««} block.
 */
public final class Passages {

	private Passages() {
	}

	public static String format(List<String> passages) {
		if (passages.isEmpty()) {
			return "N/A";
		}
		if (passages.size() == 1) {
			return blob(passages.get(0));
		}
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < passages.size(); i++) {
			lines.add("[" + (i + 1) + "] " + blob(passages.get(i)));
		}
		return String.join("\n", lines);
	}

	private static String blob(String text) {
		if (!text.contains("\n") && !text.contains("«") && !text.contains("»")) {
			return "«" + text + "»";
		}
		return "«««\n    " + text.replace("\n", "\n    ") + "\n»»»";
	}

}
