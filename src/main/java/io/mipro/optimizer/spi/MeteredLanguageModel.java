package io.mipro.optimizer.spi;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the usage of every completed call and retrieval it passes through (thread-safe; calls run in parallel), so
 * the optimizer can say what each step and trial cost.
 */
public final class MeteredLanguageModel implements LanguageModel, Retrieval {

	private final LanguageModel model;

	private final Retrieval retrieval;

	private final Prices prices;

	private final AtomicReference<Usage> total = new AtomicReference<>(Usage.NONE);

	public MeteredLanguageModel(LanguageModel model, Retrieval retrieval) {
		this(model, retrieval, Prices.NONE);
	}

	public MeteredLanguageModel(LanguageModel model, Retrieval retrieval, Prices prices) {
		this.model = model;
		this.retrieval = retrieval;
		this.prices = prices;
	}

	/** The prices this meter costs calls at. */
	public Prices prices() {
		return prices;
	}

	@Override
	public Completion complete(ChatRequest request) {
		Completion completion = model.complete(request);
		total.accumulateAndGet(Usage.of(request.role(), completion, prices.of(request.model())), Usage::plus);
		return completion;
	}

	@Override
	public List<String> search(String corpus, String query, int k) {
		List<String> passages = retrieval.search(corpus, query, k);
		total.accumulateAndGet(Usage.retrieval(), Usage::plus);
		return passages;
	}

	/** Usage so far. */
	public Usage usage() {
		return total.get();
	}

}
