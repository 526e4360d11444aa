package io.mipro.metric;

import java.util.List;

import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;

/**
 * A metric of your own: declare a Spring bean implementing this interface and jobs can name it in {@code metric}
 * (as {@code "my_metric"} or {@code {"type": "my_metric"}}). {@link #name()} is the name jobs use; it must not be a
 * built-in's name, and two beans must not share one (the service refuses to start). {@link #score} gets the gold
 * example (inputs and labels), the program's prediction and the names of the fields to score, and returns a score,
 * usually in [0, 1]; scores are averaged over examples and shown as percentages. Return 1.0 from
 * {@link #defaultThreshold()} if your metric only answers 0 or 1, so only fully right runs become demos.
 * See README, "Metrics", for a worked example.
 */
public interface CustomMetric extends Metric {

	@Override
	String name();

	@Override
	double score(Example gold, Prediction prediction, List<String> outputFields);

}
