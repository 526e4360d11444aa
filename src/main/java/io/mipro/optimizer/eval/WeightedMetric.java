package io.mipro.optimizer.eval;

import java.util.List;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.spi.LanguageModel;

/**
 * {@code weighted}: the weighted mean of other metrics' scores, {@code sum(w_i * s_i) / sum(w_i)}, so weights need not
 * add up to 1. Graded (any non-zero score keeps a bootstrapped run) unless the job sets a threshold.
 */
public final class WeightedMetric implements Metric {

	/** One metric of the mix and its weight (positive). */
	public record Part(Metric metric, double weight) {

		public Part {
			if (!(weight > 0) || !Double.isFinite(weight)) {
				throw new IllegalArgumentException("every weight must be a positive number; got " + weight);
			}
		}

	}

	private final List<Part> parts;

	private final double total;

	public WeightedMetric(List<Part> parts) {
		if (parts == null || parts.isEmpty()) {
			throw new IllegalArgumentException("`parts` must name at least one metric");
		}
		this.parts = List.copyOf(parts);
		this.total = this.parts.stream().mapToDouble(Part::weight).sum();
	}

	public List<Part> parts() {
		return parts;
	}

	@Override
	public String name() {
		return "weighted";
	}

	@Override
	public double score(Example gold, Prediction prediction, List<String> outputFields) {
		double sum = 0;
		for (Part part : parts) {
			sum += part.weight() * part.metric().score(gold, prediction, outputFields);
		}
		return sum / total;
	}

	@Override
	public Metric bind(LanguageModel model) {
		return new WeightedMetric(parts.stream().map(p -> new Part(p.metric().bind(model), p.weight())).toList());
	}

	@Override
	public String toString() {
		return "weighted" + parts.stream().map(p -> p.metric() + "*" + p.weight()).toList();
	}

}
