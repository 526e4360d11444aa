package io.mipro.optimizer.spi;

import java.util.concurrent.atomic.AtomicReference;

/** Counts the usage of every completed call it passes through (thread-safe; calls run in parallel). */
public final class MeteredLanguageModel implements LanguageModel {

	private final LanguageModel delegate;

	private final AtomicReference<Usage> total = new AtomicReference<>(Usage.NONE);

	public MeteredLanguageModel(LanguageModel delegate) {
		this.delegate = delegate;
	}

	@Override
	public Completion complete(ChatRequest request) {
		Completion completion = delegate.complete(request);
		Usage usage = Usage.of(request.role(), completion);
		total.accumulateAndGet(usage, Usage::plus);
		return completion;
	}

	/** Usage so far. */
	public Usage usage() {
		return total.get();
	}

}
