package io.mipro.llm;

import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;

/** Something that answers chat requests and records what it sent in the job's counter. */
public interface ModelProvider {

	/** {@code openai} or {@code simulated}: shown in job views and artifacts. */
	String name();

	boolean simulated();

	/**
	 * What the response cache keys answers under: the provider's name, plus a version where the provider's answers
	 * can change with the code (the simulator), so stale answers are never served.
	 */
	default String cacheNamespace() {
		return name();
	}

	/**
	 * @throws io.mipro.optimizer.spi.LanguageModelException when the call failed for good
	 */
	Completion complete(ChatRequest request, UsageCounter usage);

	/** The response cache answered this request in the provider's place (no call was made); for metrics. */
	default void cacheHit(ChatRequest request) {
	}

}
