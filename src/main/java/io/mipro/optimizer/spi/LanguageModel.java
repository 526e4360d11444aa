package io.mipro.optimizer.spi;

/**
 * The optimizer's only way to talk to a model. Implementations retry transient faults themselves; what they throw
 * is final for this call, and the optimizer never turns it into a score (unlike the reference, which scores a
 * failed example 0).
 */
public interface LanguageModel {

	/**
	 * @throws LanguageModelException when the model could not answer (after the implementation's retries)
	 */
	Completion complete(ChatRequest request);

}
