package io.mipro.optimizer;

import java.util.List;

/**
 * Persists the state after every step, with the events that step produced, so a restarted run resumes from the last
 * saved step instead of paying again. Implementations write both in one transaction.
 */
@FunctionalInterface
public interface CheckpointStore {

	CheckpointStore NONE = (state, events) -> {
	};

	void save(OptimizationState state, List<OptimizationEvent> events);

}
