package io.mipro.optimizer.eval;

import java.util.List;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;

/**
 * Scores one prediction against its gold example, usually in [0, 1]. Built-in metrics compare each of the program's
 * output fields with the example's value of the same name and average; other metrics (an LLM judge) implement this
 * interface too.
 */
public interface Metric {

	String name();

	double score(Example gold, Prediction prediction, List<String> outputFields);

}
