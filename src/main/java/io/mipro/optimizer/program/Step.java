package io.mipro.optimizer.program;

import java.util.List;

/**
 * One module of a program's pipeline: a {@link Predictor} (a prompt the optimizer tunes) or a {@link Retriever} (a
 * search over a corpus, no prompt). A step reads its inputs from the example and from earlier steps' outputs.
 */
public sealed interface Step permits Predictor, Retriever {

	/** The module's name: the attribute of the DSPy module it stands for. */
	String name();

	/** Fields the step reads. */
	List<String> inputNames();

	/** Fields the step hands to later steps (a chain of thought's {@code reasoning} stays inside it). */
	List<String> outputNames();

}
