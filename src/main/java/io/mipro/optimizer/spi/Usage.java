package io.mipro.optimizer.spi;

/**
 * Usage: calls answered by the provider per role, calls answered from the cache (in neither of the others), tokens,
 * and searches of a corpus (retrievals, never model calls). Values add up with {@link #plus}.
 */
public record Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens,
		long outputTokens, long retrievals, long judgeModelCalls) {

	public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0);

	public Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens, long outputTokens,
			long retrievals) {
		this(promptModelCalls, taskModelCalls, cachedCalls, inputTokens, outputTokens, retrievals, 0);
	}

	public Usage(long promptModelCalls, long taskModelCalls, long cachedCalls, long inputTokens, long outputTokens) {
		this(promptModelCalls, taskModelCalls, cachedCalls, inputTokens, outputTokens, 0);
	}

	public static Usage of(ModelRole role, Completion completion) {
		if (completion.cached()) {
			return new Usage(0, 0, 1, 0, 0, 0, 0);
		}
		return new Usage(role == ModelRole.PROMPT ? 1 : 0, role == ModelRole.TASK ? 1 : 0, 0, completion.inputTokens(),
				completion.outputTokens(), 0, role == ModelRole.JUDGE ? 1 : 0);
	}

	public static Usage retrieval() {
		return new Usage(0, 0, 0, 0, 0, 1, 0);
	}

	public Usage plus(Usage other) {
		return new Usage(promptModelCalls + other.promptModelCalls, taskModelCalls + other.taskModelCalls,
				cachedCalls + other.cachedCalls, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
				retrievals + other.retrievals, judgeModelCalls + other.judgeModelCalls);
	}

	public Usage minus(Usage other) {
		return new Usage(promptModelCalls - other.promptModelCalls, taskModelCalls - other.taskModelCalls,
				cachedCalls - other.cachedCalls, inputTokens - other.inputTokens, outputTokens - other.outputTokens,
				retrievals - other.retrievals, judgeModelCalls - other.judgeModelCalls);
	}

	/** Calls sent to a provider (cache hits excluded). */
	public long sentCalls() {
		return promptModelCalls + taskModelCalls + judgeModelCalls;
	}

}
