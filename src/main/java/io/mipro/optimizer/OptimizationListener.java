package io.mipro.optimizer;

/** Receives the events of each step, after the step's state was saved. */
@FunctionalInterface
public interface OptimizationListener {

	OptimizationListener NONE = event -> {
	};

	void on(OptimizationEvent event);

}
