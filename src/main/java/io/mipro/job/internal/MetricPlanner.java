package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mipro.job.JobProblems;
import io.mipro.job.JobRequest;
import io.mipro.job.MetricSpec;
import io.mipro.metric.MetricCatalog;
import io.mipro.optimizer.eval.LlmJudge;
import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.eval.SemanticF1;
import io.mipro.optimizer.eval.WeightedMetric;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.web.SafeText;

/**
 * Turns a request's {@code metric} (a name or an object) into the optimizer's {@link Metric}, with the defaults
 * filled in at submit time so a resumed job reads the same values: no metric is {@code exact_match}; a judge's model
 * defaults to the job's prompt model (the model trusted to write instructions, rather than the task model whose
 * answers are being judged), always called at temperature 0; a judge's scale defaults to 5. Every refusal is a 400
 * naming the offending part of {@code metric}.
 */
public final class MetricPlanner {

	static final int DEFAULT_SCALE = 5;

	private static final int MAX_PARTS = 10;

	/** Which settings each configured kind accepts; the string metrics accept none (exact_match: field, aliases). */
	private static final Map<String, List<String>> SETTINGS = Map.of("exact_match", List.of("field", "aliases"),
			"llm_judge", List.of("rubric", "scale", "model"), "semantic_f1", List.of("model"), "weighted",
			List.of("parts"));

	private MetricPlanner() {
	}

	static MetricSpec normalize(MetricSpec spec, JobRequest.ModelSpec promptModel) {
		return normalize(spec, promptModel, "metric", 0);
	}

	private static MetricSpec normalize(MetricSpec spec, JobRequest.ModelSpec promptModel, String path, int depth) {
		if (spec == null) {
			return depth == 0 ? MetricSpec.named("exact_match") : null;
		}
		if (spec.type() == null || spec.type().isBlank()) {
			throw JobProblems.invalid("`" + path + ".type` is required: the metric's name.");
		}
		String type = spec.type().strip().toLowerCase(Locale.ROOT);
		List<String> allowed = SETTINGS.getOrDefault(type, List.of());
		reject(path, "field", spec.field(), allowed);
		reject(path, "aliases", spec.aliases(), allowed);
		reject(path, "rubric", spec.rubric(), allowed);
		reject(path, "scale", spec.scale(), allowed);
		reject(path, "model", spec.model(), allowed);
		reject(path, "parts", spec.parts(), allowed);
		return switch (type) {
			case "llm_judge" -> new MetricSpec(type, null, null, spec.rubric(),
					spec.scale() == null ? DEFAULT_SCALE : spec.scale(), judge(spec.model(), promptModel), null);
			case "semantic_f1" -> new MetricSpec(type, null, null, null, null, judge(spec.model(), promptModel), null);
			case "weighted" -> {
				if (spec.parts() == null || spec.parts().isEmpty() || spec.parts().size() > MAX_PARTS) {
					throw JobProblems.invalid("`" + path + ".parts` must list 1 to " + MAX_PARTS + " metrics.");
				}
				if (depth >= 2) {
					throw JobProblems.invalid("`" + path + "`: weighted metrics nest at most two deep.");
				}
				List<MetricSpec.Part> parts = new ArrayList<>();
				for (int i = 0; i < spec.parts().size(); i++) {
					MetricSpec.Part part = spec.parts().get(i);
					String at = path + ".parts[" + i + "]";
					if (part == null || part.metric() == null) {
						throw JobProblems.invalid("`" + at + ".metric` is required.");
					}
					parts.add(new MetricSpec.Part(normalize(part.metric(), promptModel, at + ".metric", depth + 1),
							part.weight() == null ? 1.0 : part.weight()));
				}
				yield new MetricSpec(type, null, null, null, null, null, parts);
			}
			default -> new MetricSpec(type, spec.field() == null ? null : spec.field().strip(), spec.aliases(), null,
					null, null, null);
		};
	}

	private static void reject(String path, String name, Object value, List<String> allowed) {
		if (value != null && !allowed.contains(name)) {
			throw JobProblems.invalid("`" + path + "." + name + "` does not apply to this metric"
					+ (allowed.isEmpty() ? "; it takes no settings." : "; it takes " + allowed + "."));
		}
	}

	/** The judge: the given model, else the prompt model; temperature 0 whatever was asked. */
	private static JobRequest.ModelSpec judge(JobRequest.ModelSpec given, JobRequest.ModelSpec promptModel) {
		JobRequest.ModelSpec base = given == null || given.model() == null || given.model().isBlank() ? promptModel
				: given;
		SafeText.problem(base.model()).ifPresent(problem -> {
			throw JobProblems.invalid("`metric.model.model` " + problem + ".");
		});
		return new JobRequest.ModelSpec(base.model().strip(), 0.0,
				given != null && given.maxTokens() != null ? given.maxTokens() : promptModel.maxTokens());
	}

	/** The metric a normalized spec stands for; unknown names are a 400 listing the available ones. */
	static Metric metric(MetricSpec spec, MetricCatalog catalog, List<String> outputs) {
		return metric(spec, catalog, outputs, "metric");
	}

	private static Metric metric(MetricSpec spec, MetricCatalog catalog, List<String> outputs, String path) {
		try {
			return switch (spec.type()) {
				case "llm_judge" -> new LlmJudge(spec.rubric(), spec.scale(), settings(spec.model()));
				case "semantic_f1" -> new SemanticF1(settings(spec.model()));
				case "weighted" -> {
					List<WeightedMetric.Part> parts = new ArrayList<>();
					for (int i = 0; i < spec.parts().size(); i++) {
						MetricSpec.Part part = spec.parts().get(i);
						parts.add(new WeightedMetric.Part(
								metric(part.metric(), catalog, outputs, path + ".parts[" + i + "].metric"),
								part.weight()));
					}
					yield new WeightedMetric(parts);
				}
				case "exact_match" -> {
					if (spec.field() != null && !outputs.contains(spec.field())) {
						throw new IllegalArgumentException("`field` `" + spec.field()
								+ "` is not an output of the program; its outputs are " + outputs);
					}
					yield spec.field() == null && spec.aliases() == null ? Metrics.EXACT_MATCH
							: Metrics.exactMatchOn(spec.field(), spec.aliases());
				}
				default -> catalog.byName(spec.type())
					.orElseThrow(() -> new IllegalArgumentException("unknown metric `" + spec.type()
							+ "`; the available metrics are " + catalog.names()));
			};
		}
		catch (IllegalArgumentException ex) {
			throw JobProblems.invalid("`" + path + "`: " + ex.getMessage() + ".");
		}
	}

	/** Judge calls one scored example costs: one per judge, per output field for semantic_f1. */
	public static int judgeCalls(MetricSpec spec, int outputs) {
		return switch (spec.type()) {
			case "llm_judge" -> 1;
			case "semantic_f1" -> outputs;
			case "weighted" -> spec.parts().stream().mapToInt(part -> judgeCalls(part.metric(), outputs)).sum();
			default -> 0;
		};
	}

	/** The judge model of a normalized spec (the first one, in a weighted mix), or null. */
	public static String judgeModel(MetricSpec spec) {
		if (spec.model() != null) {
			return spec.model().model();
		}
		if (spec.parts() != null) {
			return spec.parts().stream().map(part -> judgeModel(part.metric())).filter(java.util.Objects::nonNull)
				.findFirst().orElse(null);
		}
		return null;
	}

	private static ModelSettings settings(JobRequest.ModelSpec model) {
		if (model.model().length() > 200) {
			throw new IllegalArgumentException("the judge model's name is too long");
		}
		return new ModelSettings(model.model(), model.temperature(), model.maxTokens());
	}

}
