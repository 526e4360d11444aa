package io.mipro.optimizer.propose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mipro.optimizer.program.AdapterParseException;
import io.mipro.optimizer.program.ChatAdapter;
import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.optimizer.spi.ModelSettings;
import io.mipro.optimizer.spi.ResponseFormat;

/**
 * Calls the prompt model with a text-only signature rendered by the {@link ChatAdapter}, as the reference's
 * proposer does (its meta-prompts are ordinary predictor calls). An answer that does not parse is retried once, as a
 * task call is: in the JSON format, asking the provider for JSON mode; if that fails too the call yields nothing and
 * the caller reports the drop.
 */
final class PromptCalls {

	private final LanguageModel model;

	private final ModelSettings settings;

	PromptCalls(LanguageModel model, ModelSettings settings) {
		this.model = model;
		this.settings = settings;
	}

	Optional<String> call(Signature signature, Map<String, String> inputs, Double temperature, Long rolloutId,
			String purpose) {
		Field output = signature.outputs().get(0);
		List<ChatMessage> messages = ChatAdapter.format(signature, List.of(), inputs);
		ChatRequest request = ChatRequest.of(ModelRole.PROMPT, settings, messages, purpose)
			.withTemperature(temperature)
			.withRolloutId(rolloutId);
		try {
			return Optional.of(ChatAdapter.parse(signature, model.complete(request).text()).get(output.name()));
		}
		catch (AdapterParseException first) {
			ChatRequest retry = request.withMessages(ChatAdapter.formatJson(signature, List.of(), inputs))
				.withResponseFormat(ResponseFormat.JSON_OBJECT);
			try {
				return Optional.of(ChatAdapter.parseJson(signature, model.complete(retry).text()).get(output.name()));
			}
			catch (AdapterParseException second) {
				return Optional.empty();
			}
		}
	}

}
