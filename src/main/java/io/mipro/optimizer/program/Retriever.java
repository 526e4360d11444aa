package io.mipro.optimizer.program;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A retrieval step: searches a corpus with the text of its {@code query} field and hands the {@code k} best passages
 * to later steps as a numbered list in its {@code passages} field (the way DSPy renders a list of passages in a
 * prompt). It has no prompt, so the optimizer never tunes it; what it retrieves changes only through the query an
 * earlier predictor writes.
 *
 * @param corpus the corpus's key for the {@link io.mipro.optimizer.spi.Retrieval} port (a dataset id in the service)
 */
public record Retriever(String name, String corpus, int k, String query, String passages) implements Step {

	public static final int MAX_K = 50;

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	public Retriever {
		if (name == null || !IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("module name `" + name + "` is not an identifier");
		}
		if (k < 1 || k > MAX_K) {
			throw new IllegalArgumentException("module `" + name + "`: k must be between 1 and " + MAX_K + "; got " + k);
		}
		if (corpus == null || corpus.isBlank()) {
			throw new IllegalArgumentException("module `" + name + "` names no corpus");
		}
		if (query == null || passages == null || query.equals(passages)) {
			throw new IllegalArgumentException("module `" + name + "` needs one query field and one passages field");
		}
	}

	/** From a signature with exactly one input (the query) and one output (the passages), e.g. {@code query -> passages}. */
	public static Retriever of(String name, String corpus, int k, Signature signature) {
		if (signature.inputs().size() != 1 || signature.outputs().size() != 1) {
			throw new IllegalArgumentException("module `" + name + "`: a retrieve module's signature has one input "
					+ "(the query) and one output (the passages), e.g. `query -> passages`; got `"
					+ signature.shortForm() + "`");
		}
		if (!signature.outputs().get(0).type().isText() || !signature.inputs().get(0).type().isText()) {
			throw new IllegalArgumentException("module `" + name + "`: a retrieve module's fields are text");
		}
		return new Retriever(name, corpus, k, signature.inputs().get(0).name(), signature.outputs().get(0).name());
	}

	@Override
	public List<String> inputNames() {
		return List.of(query);
	}

	@Override
	public List<String> outputNames() {
		return List.of(passages);
	}

	/** The signature as DSPy writes it, e.g. {@code query -> passages}. */
	public String shortForm() {
		return query + " -> " + passages;
	}

}
