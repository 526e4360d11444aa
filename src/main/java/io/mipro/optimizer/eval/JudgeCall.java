package io.mipro.optimizer.eval;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.mipro.optimizer.program.AdapterParseException;
import io.mipro.optimizer.program.ChatAdapter;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.optimizer.spi.ResponseFormat;

/**
 * One question to a judge model, in the same ChatAdapter format as the program's own calls: role {@code judge},
 * temperature 0 (a verdict should not depend on the draw, and identical questions then hit the response cache). A
 * verdict that does not parse, or that {@code check} refuses, is asked once more in the JSON format with the
 * provider's JSON mode (a different request, so the cache does not answer it with the same bad text); if that fails
 * too, the example is a {@link MetricFailure}. Model faults propagate after the model's own retries.
 */
final class JudgeCall {

	/** What a verdict must satisfy beyond parsing (e.g. a score inside the scale); returns a problem or null. */
	interface Check {

		String problem(Map<String, String> verdict);

	}

	private final LanguageModel model;

	private final ModelSettings settings;

	private final Signature signature;

	JudgeCall(LanguageModel model, ModelSettings settings, Signature signature) {
		this.model = model;
		this.settings = new ModelSettings(settings.model(), 0.0, settings.maxTokens());
		this.signature = signature;
	}

	Map<String, String> ask(Map<String, String> inputs, String purpose, Check check) {
		if (model == null) {
			throw new IllegalStateException("the judge metric was not bound to a model");
		}
		String problem;
		try {
			Map<String, String> verdict = parse(
					model.complete(request(ChatAdapter.format(signature, List.of(), inputs), purpose)), false);
			problem = check.problem(verdict);
			if (problem == null) {
				return verdict;
			}
		}
		catch (AdapterParseException ex) {
			problem = ex.getMessage();
		}
		try {
			Completion retry = model.complete(request(ChatAdapter.formatJson(signature, List.of(), inputs),
					purpose + ":json-retry").withResponseFormat(ResponseFormat.JSON_OBJECT));
			Map<String, String> verdict = parse(retry, true);
			String second = check.problem(verdict);
			if (second == null) {
				return verdict;
			}
			problem = second;
		}
		catch (AdapterParseException ex) {
			problem = ex.getMessage();
		}
		throw new MetricFailure("the judge's verdict could not be read after one retry: " + problem);
	}

	private ChatRequest request(List<ChatMessage> messages, String purpose) {
		return ChatRequest.of(ModelRole.JUDGE, settings, messages, purpose);
	}

	private Map<String, String> parse(Completion completion, boolean json) {
		return json ? ChatAdapter.parseJson(signature, completion.text())
				: ChatAdapter.parse(signature, completion.text());
	}

	/** The example's inputs (its fields that are not scored), one {@code name: value} line each. */
	static String inputs(Example gold, List<String> outputFields) {
		StringJoiner lines = new StringJoiner("\n");
		gold.values().forEach((name, value) -> {
			if (!outputFields.contains(name)) {
				lines.add(name + ": " + value);
			}
		});
		return lines.toString();
	}

	/** Fields of a record as {@code name: value} lines (one field alone: just its value). */
	static String fields(Map<String, String> values, List<String> names) {
		if (names.size() == 1) {
			return String.valueOf(values.getOrDefault(names.get(0), ""));
		}
		StringJoiner lines = new StringJoiner("\n");
		names.forEach(name -> lines.add(name + ": " + values.getOrDefault(name, "")));
		return lines.toString();
	}

	static Map<String, String> predicted(Prediction prediction, List<String> names) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		names.forEach(name -> values.put(name, prediction.get(name) == null ? "" : prediction.get(name)));
		return values;
	}

}
