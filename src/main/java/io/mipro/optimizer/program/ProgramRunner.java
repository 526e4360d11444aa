package io.mipro.optimizer.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.optimizer.spi.ResponseFormat;
import io.mipro.optimizer.spi.Retrieval;

/**
 * Runs a program on one example: each predictor's call is formatted by the {@link ChatAdapter} and sent to the task
 * model, and an answer that does not parse gets one retry in the JSON format (asking the provider for JSON mode). If
 * that fails too the prediction is marked as a parse failure (a wrong answer, counted), never an error. Retrieve
 * steps ask the {@link Retrieval} port. Model faults propagate.
 */
public final class ProgramRunner {

	private final LanguageModel model;

	private final ModelSettings settings;

	private final Retrieval retrieval;

	public ProgramRunner(LanguageModel model, ModelSettings settings) {
		this(model, settings, Retrieval.NONE);
	}

	public ProgramRunner(LanguageModel model, ModelSettings settings, Retrieval retrieval) {
		this.model = model;
		this.settings = settings;
		this.retrieval = retrieval;
	}

	public Prediction run(Program program, Example example, String purpose) {
		Map<String, String> known = new LinkedHashMap<>(example.values());
		Map<String, String> produced = new LinkedHashMap<>();
		List<Prediction.TraceEntry> trace = new ArrayList<>();
		int predictorIndex = 0;
		for (Step step : program.steps()) {
			if (step instanceof Retriever retriever) {
				String query = known.getOrDefault(retriever.query(), "");
				String passages = Passages.format(retrieval.search(retriever.corpus(), query, retriever.k()));
				known.put(retriever.passages(), passages);
				produced.put(retriever.passages(), passages);
				continue;
			}
			Predictor predictor = (Predictor) step;
			Signature signature = predictor.effectiveSignature();
			Map<String, String> inputs = new LinkedHashMap<>();
			for (Field field : signature.inputs()) {
				if (known.containsKey(field.name())) {
					inputs.put(field.name(), known.get(field.name()));
				}
			}
			Map<String, String> outputs;
			try {
				outputs = call(signature, predictor.demos(), inputs, purpose);
			}
			catch (AdapterParseException ex) {
				return Prediction.failed(trace, ex.getMessage());
			}
			trace.add(new Prediction.TraceEntry(predictorIndex++, inputs, outputs));
			// a chain of thought's reasoning stays with its module; the declared outputs flow on
			for (String name : predictor.outputNames()) {
				known.put(name, outputs.get(name));
			}
			produced.putAll(outputs);
		}
		return new Prediction(produced, trace, false, null);
	}
	private Map<String, String> call(Signature signature, List<Demo> demos, Map<String, String> inputs, String purpose) {
		List<ChatMessage> messages = ChatAdapter.format(signature, demos, inputs);
		Completion completion = model.complete(ChatRequest.of(ModelRole.TASK, settings, messages, purpose));
		try {
			return ChatAdapter.parse(signature, completion.text());
		}
		catch (AdapterParseException first) {
			List<ChatMessage> retry = ChatAdapter.formatJson(signature, demos, inputs);
			Completion second = model.complete(ChatRequest.of(ModelRole.TASK, settings, retry, purpose + ":json-retry")
				.withResponseFormat(ResponseFormat.JSON_OBJECT));
			return ChatAdapter.parseJson(signature, second.text());
		}
	}

}
