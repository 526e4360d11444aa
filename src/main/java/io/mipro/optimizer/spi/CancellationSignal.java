package io.mipro.optimizer.spi;

/** Asked between steps; a cancelled run stops after the step in progress, with its state intact. */
@FunctionalInterface
public interface CancellationSignal {

	CancellationSignal NEVER = () -> false;

	boolean isCancelled();

}
