package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.mipro.optimizer.util.SeededRandom;

/**
 * The split of one dataset into train and validation parts when a job gives no validation set. The fractions are the
 * reference's (spec 1, step 0.4): {@code min(1000, floor(0.8 n))} examples validate and the rest (20 %) train,
 * because bootstrapping needs only a handful of examples (a few demos per set) while every candidate is ranked by
 * its validation score, whose noise falls with the set's size. Unlike the reference, which takes the last 80 % as
 * they come (so sorted data gives a skewed split; stanfordnlp/dspy PR #2009), the positions are drawn at random from
 * the job's seed, so a split is deterministic for a seed and fair to data in any order. Each part keeps the
 * dataset's order.
 *
 * @param train positions of the training examples, ascending
 * @param dev positions of the validation examples, ascending
 */
public record DataSplit(List<Integer> train, List<Integer> dev) {

	/** The share of examples that validate. */
	public static final double DEV_FRACTION = 0.8;

	/** The most validation examples a split takes (the reference's cap); the rest train. */
	public static final int MAX_DEV = 1000;

	/** The fewest examples a split accepts: 2 to bootstrap from, 8 to validate on. */
	public static final int MIN_EXAMPLES = 10;

	public DataSplit {
		train = List.copyOf(train);
		dev = List.copyOf(dev);
	}

	/**
	 * @throws ConfigurationException when there are fewer than {@link #MIN_EXAMPLES} examples
	 */
	public static DataSplit of(int size, long seed) {
		if (size < MIN_EXAMPLES) {
			throw new ConfigurationException("the train set has " + size + " examples; to split it into train and "
					+ "validation parts it needs at least " + MIN_EXAMPLES + " (or give a devDatasetId)");
		}
		int devSize = devSize(size);
		List<Integer> all = IntStream.range(0, size).boxed().toList();
		List<Integer> dev = new ArrayList<>(SeededRandom.of(seed, "split").sample(all, devSize));
		dev.sort(null);
		List<Integer> train = new ArrayList<>(all);
		train.removeAll(new java.util.HashSet<>(dev));
		return new DataSplit(train, dev);
	}

	/** Validation examples a split of {@code size} examples takes. */
	public static int devSize(int size) {
		return Math.min(MAX_DEV, Math.max(1, (int) Math.floor(DEV_FRACTION * size)));
	}

	public <T> List<T> trainOf(List<T> examples) {
		return train.stream().map(examples::get).toList();
	}

	public <T> List<T> devOf(List<T> examples) {
		return dev.stream().map(examples::get).toList();
	}

}
