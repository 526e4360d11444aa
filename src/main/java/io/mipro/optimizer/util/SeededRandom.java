package io.mipro.optimizer.util;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Randomness derived from the job seed, a purpose and a few numbers (a trial number, a demo-set index, ...). Every
 * random choice of the optimizer draws from a generator made here, so a run resumed from any checkpoint makes
 * exactly the choices the uninterrupted run would have made, and changing how one stage draws never shifts another
 * (unlike the reference, where one shared generator feeds every stage).
 */
public final class SeededRandom {

	private final SplittableRandom random;

	private SeededRandom(long state) {
		this.random = new SplittableRandom(state);
	}

	/** A generator for {@code purpose} and {@code keys} under {@code seed}; equal arguments give equal streams. */
	public static SeededRandom of(long seed, String purpose, long... keys) {
		long state = mix(seed ^ 0x9E3779B97F4A7C15L);
		for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
			state = mix(state ^ (b & 0xFF));
		}
		state = mix(state ^ keys.length);
		for (long key : keys) {
			state = mix(state ^ key);
		}
		return new SeededRandom(state);
	}

	/** SplitMix64's finalizer: a bijective, well-mixing step. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Uniform in [0, 1). */
	public double nextDouble() {
		return random.nextDouble();
	}

	/** Uniform in [0, bound). */
	public int nextInt(int bound) {
		return random.nextInt(bound);
	}

	/** Uniform in [low, high], both inclusive (Python's {@code randint}). */
	public int nextIntInclusive(int low, int high) {
		return low + random.nextInt(high - low + 1);
	}

	public long nextLong(long bound) {
		return random.nextLong(bound);
	}

	/** A shuffled copy (Fisher-Yates). */
	public <T> List<T> shuffled(List<T> items) {
		List<T> copy = new ArrayList<>(items);
		for (int i = copy.size() - 1; i > 0; i--) {
			Collections.swap(copy, i, random.nextInt(i + 1));
		}
		return copy;
	}

	/** {@code k} distinct items drawn without replacement, in draw order (Python's {@code random.sample}). */
	public <T> List<T> sample(List<T> items, int k) {
		if (k < 0 || k > items.size()) {
			throw new IllegalArgumentException("sample of " + k + " from " + items.size());
		}
		List<T> pool = new ArrayList<>(items);
		List<T> drawn = new ArrayList<>(k);
		for (int i = 0; i < k; i++) {
			int j = i + random.nextInt(pool.size() - i);
			Collections.swap(pool, i, j);
			drawn.add(pool.get(i));
		}
		return drawn;
	}

	public <T> T choice(List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

}
