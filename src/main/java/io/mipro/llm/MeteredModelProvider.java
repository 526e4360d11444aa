package io.mipro.llm;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.Prices;

/**
 * Records every model call in Micrometer, by role ({@code prompt}/{@code task}), model and provider: calls answered
 * and failed, latency, requests sent and retried, tokens, and cache hits. A decorator, so the providers stay unaware
 * of metrics: each call gets its own {@link UsageCounter}, whose attempts and tokens are read for the meters and then
 * added to the job's counter (also when the call fails, so a job still reports every request it sent).
 */
public final class MeteredModelProvider implements ModelProvider {

	static final String CALLS = "mipro.model.calls";

	static final String LATENCY = "mipro.model.latency";

	static final String REQUESTS = "mipro.model.requests";

	static final String RETRIES = "mipro.model.retries";

	static final String TOKENS = "mipro.model.tokens";

	static final String CACHE_HITS = "mipro.model.cache.hits";

	private final ModelProvider delegate;

	static final String COST = "mipro.model.cost";

	private final MeterRegistry registry;

	private final Prices prices;

	public MeteredModelProvider(ModelProvider delegate, MeterRegistry registry) {
		this(delegate, registry, Prices.NONE);
	}

	/** Also costing each answered call at {@code prices} (its model's price, or unpriced). */
	public MeteredModelProvider(ModelProvider delegate, MeterRegistry registry, Prices prices) {
		this.delegate = delegate;
		this.registry = registry;
		this.prices = prices;
	}

	@Override
	public String name() {
		return delegate.name();
	}

	@Override
	public boolean simulated() {
		return delegate.simulated();
	}

	@Override
	public String cacheNamespace() {
		return delegate.cacheNamespace();
	}

	@Override
	public Completion complete(ChatRequest request, UsageCounter usage) {
		UsageCounter call = new UsageCounter();
		String outcome = "error";
		Timer.Sample sample = Timer.start(registry);
		try {
			Completion completion = delegate.complete(request, call);
			outcome = "success";
			Prices.Price price = prices.of(request.model());
			Double cost = price == null ? null : price.cost(completion.inputTokens(), completion.outputTokens());
			call.cost(cost);
			if (cost != null) {
				counter(COST, "US dollars the answered calls cost at the configured prices", request)
					.baseUnit("usd")
					.register(registry)
					.increment(cost);
			}
			return completion;
		}
		finally {
			sample.stop(Timer.builder(LATENCY)
				.description("Time per model call, retries and backoff included")
				.tags(tags(request))
				.tag("outcome", outcome)
				.register(registry));
			counter(CALLS, "Model calls by outcome (a call may send several requests)", request).tag("outcome", outcome)
				.register(registry)
				.increment();
			counter(REQUESTS, "Requests sent to the provider, retries included", request).register(registry)
				.increment(call.sentCalls());
			counter(RETRIES, "Requests that were retries of a failed attempt", request).register(registry)
				.increment(call.retries());
			var tokens = call.usage();
			counter(TOKENS, "Tokens the provider reported", request).tag("direction", "input").register(registry)
				.increment(tokens.inputTokens());
			counter(TOKENS, "Tokens the provider reported", request).tag("direction", "output").register(registry)
				.increment(tokens.outputTokens());
			usage.add(call);
		}
	}

	@Override
	public void cacheHit(ChatRequest request) {
		counter(CACHE_HITS, "Calls answered from the response cache (no request sent)", request).register(registry)
			.increment();
		delegate.cacheHit(request);
	}

	private Counter.Builder counter(String name, String description, ChatRequest request) {
		return Counter.builder(name).description(description).tags(tags(request));
	}

	private String[] tags(ChatRequest request) {
		return new String[] { "role", request.role().name().toLowerCase(Locale.ROOT), "model",
				String.valueOf(request.model()), "provider", delegate.name() };
	}

}
