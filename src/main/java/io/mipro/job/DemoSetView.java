package io.mipro.job;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A candidate demo set. */
@Schema(description = "A candidate demo set")
public record DemoSetView(int index,
		@Schema(description = "ZERO_SHOT, STARTING (set 0 of a program that starts with demos), LABELED, BOOTSTRAPPED or SHUFFLED_BOOTSTRAP") String kind,
		@Schema(description = "The predictors' module names, in the order of `demos`") List<String> predictors,
		@Schema(description = "Demo lists per predictor") List<List<Demo>> demos) {

	/** A demo: bootstrapped (augmented) from a run the metric accepted, or a labeled training example. */
	public record Demo(boolean augmented, Map<String, String> values) {
	}

}
