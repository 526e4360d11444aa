package io.mipro.optimizer.spi;

/**
 * Usage: calls answered by the provider per role, calls answered from the cache (in neither of the others), tokens,
 * searches of a corpus (retrievals, never model calls), and the cost of the answered calls in US dollars at the
 * configured prices ({@code unpricedCalls} counts answered calls whose model has no price, so their cost is missing
 * from {@code costUsd}). Values add up with {@link #plus}.
 */
public record Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens,
		long outputTokens, long retrievals, long judgeModelCalls, double costUsd, long unpricedCalls) {

	public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0);

	public Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens, long outputTokens,
			long retrievals, long judgeModelCalls) {
		this(promptModelCalls, taskModelCalls, cachedCalls, inputTokens, outputTokens, retrievals, judgeModelCalls, 0,
				0);
	}

	public Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens, long outputTokens,
			long retrievals) {
		this(promptModelCalls, taskModelCalls, cachedCalls, inputTokens, outputTokens, retrievals, 0);
	}

	public Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens, long outputTokens) {
		this(promptModelCalls, taskModelCalls, cachedCalls, inputTokens, outputTokens, 0);
	}

	public static Usage of(ModelRole role, Completion completion) {
		return of(role, completion, null);
	}

	/** One completed call; {@code price} null when its model has none (it is then counted as unpriced). */
	public static Usage of(ModelRole role, Completion completion, Prices.Price price) {
		if (completion.cached()) {
			return new Usage(0, 0, 1, 0, 0, 0, 0, 0, 0);
		}
		return new Usage(role == ModelRole.PROMPT ? 1 : 0, role == ModelRole.TASK ? 1 : 0, 0, completion.inputTokens(),
				completion.outputTokens(), 0, role == ModelRole.JUDGE ? 1 : 0,
				price == null ? 0 : price.cost(completion.inputTokens(), completion.outputTokens()), price == null ? 1 : 0);
	}

	public static Usage retrieval() {
		return new Usage(0, 0, 0, 0, 0, 1, 0, 0, 0);
	}

	public Usage plus(Usage other) {
		return new Usage(promptModelCalls + other.promptModelCalls, taskModelCalls + other.taskModelCalls,
				cachedCalls + other.cachedCalls, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
				retrievals + other.retrievals, judgeModelCalls + other.judgeModelCalls, costUsd + other.costUsd,
				unpricedCalls + other.unpricedCalls);
	}

	public Usage minus(Usage other) {
		return new Usage(promptModelCalls - other.promptModelCalls, taskModelCalls - other.taskModelCalls,
				cachedCalls - other.cachedCalls, inputTokens - other.inputTokens, outputTokens - other.outputTokens,
				retrievals - other.retrievals, judgeModelCalls - other.judgeModelCalls, costUsd - other.costUsd,
				unpricedCalls - other.unpricedCalls);
	}

	/** Input and output tokens together (what {@code maxTokens} limits). */
	public long tokens() {
		return inputTokens + outputTokens;
	}

	/** Calls sent to a provider (cache hits excluded). */
	public long sentCalls() {
		return promptModelCalls + taskModelCalls + judgeModelCalls;
	}

}
