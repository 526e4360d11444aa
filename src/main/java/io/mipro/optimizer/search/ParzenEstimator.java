package io.mipro.optimizer.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A mixture of product kernels over categorical parameters, one component per observation plus a uniform prior
 * component (Optuna's categorical Parzen estimator). Component {@code k} is observation {@code k}'s whole
 * configuration, smoothed: with {@code a = priorWeight / (m + 1)}, its kernel gives {@code (1 + a) / (1 + C a)} to the
 * observed index and {@code a / (1 + C a)} to every other one.
 */
final class ParzenEstimator {

	private final List<String> params;

	/** Normalized mixture weights, prior last. */
	final double[] weights;

	/** kernels[component][param][choice]. */
	final double[][][] kernels;

	ParzenEstimator(List<String> params, List<Integer> choiceCounts, List<int[]> observations, double priorWeight) {
		this.params = params;
		int m = observations.size();
		if (m == 0) {
			weights = new double[] { 1.0 };
			kernels = new double[1][params.size()][];
			for (int p = 0; p < params.size(); p++) {
				kernels[0][p] = uniform(choiceCounts.get(p));
			}
			return;
		}
		double[] raw = new double[m + 1];
		double[] ramp = defaultWeights(m);
		System.arraycopy(ramp, 0, raw, 0, m);
		raw[m] = priorWeight;
		double sum = 0;
		for (double w : raw) {
			sum += w;
		}
		weights = new double[m + 1];
		for (int k = 0; k <= m; k++) {
			weights[k] = raw[k] / sum;
		}
		kernels = new double[m + 1][params.size()][];
		double a = priorWeight / (m + 1);
		for (int p = 0; p < params.size(); p++) {
			int choices = choiceCounts.get(p);
			for (int k = 0; k < m; k++) {
				double[] row = new double[choices];
				double rowSum = 1 + choices * a;
				for (int c = 0; c < choices; c++) {
					row[c] = a / rowSum;
				}
				row[observations.get(k)[p]] = (1 + a) / rowSum;
				kernels[k][p] = row;
			}
			kernels[m][p] = uniform(choices);
		}
	}

	private static double[] uniform(int choices) {
		double[] row = new double[choices];
		java.util.Arrays.fill(row, 1.0 / choices);
		return row;
	}

	/**
	 * Optuna's {@code default_weights}: all ones below 25 observations; otherwise a linear ramp from {@code 1/n} to 1
	 * over the oldest {@code n - 25} (numpy linspace, both ends included) followed by 25 ones.
	 */
	static double[] defaultWeights(int n) {
		double[] weights = new double[n];
		if (n < 25) {
			java.util.Arrays.fill(weights, 1.0);
			return weights;
		}
		int rampLength = n - 25;
		double start = 1.0 / n;
		for (int i = 0; i < rampLength; i++) {
			weights[i] = rampLength == 1 ? start : start + (1.0 - start) * i / (rampLength - 1);
		}
		for (int i = rampLength; i < n; i++) {
			weights[i] = 1.0;
		}
		return weights;
	}

	/** log p(x), summing over components in log space (max-subtracted, so no underflow). */
	double logPdf(int[] x) {
		double[] terms = new double[weights.length];
		double max = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < weights.length; k++) {
			double term = Math.log(weights[k]);
			for (int p = 0; p < params.size(); p++) {
				term += Math.log(kernels[k][p][x[p]]);
			}
			terms[k] = term;
			max = Math.max(max, term);
		}
		if (max == Double.NEGATIVE_INFINITY) {
			return max;
		}
		double sum = 0;
		for (double term : terms) {
			sum += Math.exp(term - max);
		}
		return max + Math.log(sum);
	}

	/**
	 * Draws {@code count} configurations: first all component indices (inverse CDF: the number of cumulative weights
	 * at or below u), then, parameter by parameter, the category (the number of cumulative row probabilities below u,
	 * the last one forced to 1) - Optuna's draw order.
	 */
	List<int[]> sample(int count, Uniforms random) {
		int[] components = new int[count];
		double[] cumulative = cumulative(weights);
		for (int i = 0; i < count; i++) {
			double u = random.next();
			int index = 0;
			while (index < cumulative.length && cumulative[index] <= u) {
				index++;
			}
			components[i] = Math.min(index, weights.length - 1);
		}
		List<int[]> samples = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			samples.add(new int[params.size()]);
		}
		for (int p = 0; p < params.size(); p++) {
			for (int i = 0; i < count; i++) {
				double[] row = cumulative(kernels[components[i]][p]);
				row[row.length - 1] = 1.0;
				double u = random.next();
				int category = 0;
				while (category < row.length && row[category] < u) {
					category++;
				}
				samples.get(i)[p] = Math.min(category, row.length - 1);
			}
		}
		return samples;
	}

	private static double[] cumulative(double[] values) {
		double[] cumulative = new double[values.length];
		double sum = 0;
		for (int i = 0; i < values.length; i++) {
			sum += values[i];
			cumulative[i] = sum;
		}
		return cumulative;
	}

	/** A source of uniform doubles in [0, 1). */
	interface Uniforms {

		double next();

	}

}
