package io.mipro.optimizer.search;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mipro.optimizer.spi.Usage;

/**
 * One evaluation of a parameter combination. Numbers follow the reference's log numbering: the baseline is 1,
 * objective trials and periodic full evaluations take the following numbers in the order they run.
 *
 * @param batch the validation-set positions a minibatch trial used (empty for full evaluations)
 * @param parseFailures examples whose answer could not be parsed (counted as wrong)
 */
public record Trial(int number, TrialKind kind, int round, Map<String, Integer> params, double score,
		List<Integer> batch, int batchSize, int parseFailures, Usage usage, long durationMillis) {

	public Trial {
		params = Collections.unmodifiableMap(new TreeMap<>(params));
		batch = List.copyOf(batch);
	}

	public Observation observation() {
		return new Observation(number, params, score);
	}

}
