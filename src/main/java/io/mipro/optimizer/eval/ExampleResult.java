package io.mipro.optimizer.eval;

import io.mipro.optimizer.program.Prediction;

/** One evaluated example: its position in the evaluated list, what the program answered, and the metric's score. */
public record ExampleResult(int index, Prediction prediction, double score) {

}
