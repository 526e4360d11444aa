package io.mipro.optimizer.propose;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelSettings;

/**
 * The dataset summary the proposer is grounded in: observations on the first batch of training examples, more
 * observations batch by batch (at most 9 more calls; stops early after 5 answers of COMPLETE), then a short summary.
 * All calls run at temperature 1.0 with no rollout id, so re-runs are served by the response cache.
 */
public final class DatasetSummarizer {

	static final int MAX_EXTRA_CALLS = 9;

	static final int MAX_COMPLETE = 5;

	private final PromptCalls calls;

	private final int batchSize;

	public DatasetSummarizer(LanguageModel model, ModelSettings promptModel, int batchSize) {
		this.calls = new PromptCalls(model, promptModel);
		this.batchSize = batchSize;
	}

	/** The summary, or empty when the model's answers could not be used (the proposer then goes without it). */
	public Optional<String> summarize(List<Example> trainset, List<String> inputKeys) {
		int first = Math.min(trainset.size(), batchSize);
		Optional<String> observations = calls.call(ProposerPrompts.DESCRIBE_DATASET,
				Map.of("examples", batchText(trainset.subList(0, first), inputKeys)), 1.0, null, "dataset-summary");
		if (observations.isEmpty()) {
			return Optional.empty();
		}
		StringBuilder all = new StringBuilder(observations.get());
		int extraCalls = 0;
		int completes = 0;
		for (int start = batchSize; start < trainset.size(); start += batchSize) {
			if (++extraCalls > MAX_EXTRA_CALLS) {
				break;
			}
			List<Example> batch = trainset.subList(start, Math.min(trainset.size(), start + batchSize));
			Optional<String> more = calls.call(ProposerPrompts.DESCRIBE_DATASET_FURTHER,
					Map.of("examples", batchText(batch, inputKeys), "prior_observations", all.toString()), 1.0, null,
					"dataset-summary");
			if (more.isEmpty()) {
				break;
			}
			String answer = more.get();
			if (answer.length() >= 8 && answer.substring(0, 8).toUpperCase(Locale.ROOT).equals("COMPLETE")) {
				if (++completes >= MAX_COMPLETE) {
					break;
				}
				continue;
			}
			// appended directly, as the reference does
			all.append(answer);
		}
		return calls.call(ProposerPrompts.SUMMARIZE_OBSERVATIONS, Map.of("observations", all.toString()), 1.0, null,
				"dataset-summary").map(StripPrefix::apply);
	}

	/**
	 * The batch as a list of example representations, {@code Example({...}) (input_keys={...})}, with the input keys
	 * sorted so the text (and its cache key) is stable.
	 */
	static String batchText(List<Example> batch, List<String> inputKeys) {
		StringBuilder text = new StringBuilder("[");
		String keys = String.join(", ", new TreeSet<>(inputKeys).stream().map(DatasetSummarizer::repr).toList());
		for (int i = 0; i < batch.size(); i++) {
			text.append(i == 0 ? "" : ", ").append("Example({");
			boolean first = true;
			for (Map.Entry<String, String> entry : batch.get(i).values().entrySet()) {
				text.append(first ? "" : ", ").append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
				first = false;
			}
			text.append("}) (input_keys={").append(keys).append("})");
		}
		return text.append(']').toString();
	}

	private static String repr(String value) {
		StringBuilder out = new StringBuilder("'");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\'' -> out.append("\\'");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
		return out.append('\'').toString();
	}

}
