package io.mipro.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.ResponseFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's view of its model: answers from the persisted response cache when it can (a hit costs no call and is
 * counted as cached), else from the provider, whose answer is then cached; identical requests in flight at the
 * same time make one provider call (see {@link ResponseCache}). The key is the SHA-256 of the canonical
 * request: provider, model, messages, temperature, max tokens and rollout id (the rollout id reaches only the key,
 * never the provider).
 */
public final class CachingLanguageModel implements LanguageModel {

	private final ModelProvider provider;

	private final ResponseCache cache;

	private final UsageCounter usage;

	private final JsonMapper json;

	public CachingLanguageModel(ModelProvider provider, ResponseCache cache, UsageCounter usage, JsonMapper json) {
		this.provider = provider;
		this.cache = cache;
		this.usage = usage;
		this.json = json;
	}

	@Override
	public Completion complete(ChatRequest request) {
		if (cache == null) {
			return provider.complete(request, usage);
		}
		Completion completion = cache.answer(key(request), provider.name(), request.model(),
				() -> provider.complete(request, usage));
		if (completion.cached()) {
			// answered without a provider call: from the cache, or by an identical call another caller made
			usage.cached();
			provider.cacheHit(request);
		}
		return completion;
	}

	String key(ChatRequest request) {
		Map<String, Object> canonical = new TreeMap<>();
		canonical.put("provider", provider.cacheNamespace());
		canonical.put("model", request.model());
		canonical.put("temperature", request.temperature());
		canonical.put("max_tokens", request.maxTokens());
		canonical.put("rollout_id", request.rolloutId());
		if (request.responseFormat() != ResponseFormat.TEXT) {
			// only when set, so the keys of every plain request stay what they were
			canonical.put("response_format", request.responseFormat().name().toLowerCase(java.util.Locale.ROOT));
		}
		List<Map<String, String>> messages = request.messages().stream().map(CachingLanguageModel::message).toList();
		canonical.put("messages", messages);
		return sha256(json.writeValueAsString(canonical));
	}

	private static Map<String, String> message(ChatMessage message) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("role", message.role().name().toLowerCase(java.util.Locale.ROOT));
		m.put("content", message.content());
		return m;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
