package io.mipro.optimizer;

/**
 * The sizes a run works with, derived from the settings and the data as the reference derives them (spec 2.4, 2.5),
 * and, for the adaptive strategy, how its budget is split between screening and the search.
 *
 * @param demoSets candidate demo sets per predictor (set 0 included)
 * @param instructionCandidates instructions per predictor the search chooses from in round 0 (the original
 *        included); in the adaptive strategy, how many screening keeps
 * @param numTrials objective trials per round (adaptive: the reference's, less what screening spends)
 * @param valsetSize examples in the validation set after any capping
 * @param proposals adaptive: instructions proposed per predictor and round (0 in the reference, which proposes one
 *        per demo set up to {@code instructionCandidates})
 * @param screeningBatch adaptive: examples each screened instruction is scored on (0: no screening)
 * @param referenceTrials the reference's objective trials per round (what {@code numTrials} is in the reference)
 */
public record SearchPlan(int predictors, boolean zeroShot, int demoSets, int instructionCandidates, int numTrials,
		boolean minibatch, int minibatchSize, int fullEvalSteps, int valsetSize, int proposalRounds, Strategy strategy,
		int proposals, int screeningBatch, int referenceTrials) {

	/** Proposals per predictor and round: candidates beyond the original, one per demo set at most. */
	public int proposalsPerPredictor() {
		if (screens()) {
			return proposals;
		}
		return Math.max(0, Math.min(instructionCandidates, demoSets) - 1);
	}

	/** Whether proposed instructions are screened before they join the search (the adaptive strategy). */
	public boolean screens() {
		return strategy == Strategy.ADAPTIVE && screeningBatch > 0;
	}

	/**
	 * The demo set instructions are screened with: none, so an instruction is judged on its own (demos can mask the
	 * differences between instructions); the demo sets are screened next, with the best instructions.
	 */
	public int screeningDemoSet() {
		return 0;
	}

	/**
	 * Screening trials planned per round: every predictor's new instructions (and, in round 0, its original), then,
	 * in round 0 unless zero-shot, every demo set but the empty one with each predictor's best instruction.
	 */
	public int screeningTrials(int round) {
		if (!screens()) {
			return 0;
		}
		return predictors * (proposals + (round == 0 ? 1 : 0)) + (round == 0 && !zeroShot ? demoSets - 1 : 0);
	}

	/** What one objective trial costs in task-model calls: a minibatch, or the whole validation set. */
	public int trialCost() {
		return minibatch ? Math.min(minibatchSize, valsetSize) : valsetSize;
	}

	/**
	 * Objective trials of a round once its screening is done: screening that scored fewer instructions than planned
	 * (duplicates were dropped) gives back the trials it did not spend, up to the reference's count.
	 */
	public int trialsAfterScreening(int round, int screened) {
		if (!screens()) {
			return numTrials;
		}
		long unspent = (long) Math.max(0, screeningTrials(round) - screened) * screeningBatch;
		return (int) Math.min(referenceTrials, numTrials + unspent / trialCost());
	}

	/** Periodic full evaluations per round: after every S minibatch trials, and after the last one. */
	public int fullEvaluations() {
		if (!minibatch) {
			return 0;
		}
		return numTrials / fullEvalSteps + (numTrials % fullEvalSteps != 0 ? 1 : 0);
	}

	/** Trials over the whole run, baseline included (the reference's "adjusted" total for one round). */
	public int totalTrials() {
		int screening = 0;
		for (int round = 0; round < proposalRounds; round++) {
			screening += screeningTrials(round);
		}
		return 1 + screening + proposalRounds * (numTrials + fullEvaluations());
	}

	/** The reference's trial formula: {@code floor(max(2 * vars * log2(n), 1.5 * n))}, vars = P or 2P. */
	public static int trialsFor(int candidates, int predictors, boolean zeroShot) {
		int vars = zeroShot ? predictors : 2 * predictors;
		// exact for powers of two (Math.log(8) / Math.log(2) is not exactly 3)
		double log2 = Integer.bitCount(candidates) == 1 ? Integer.numberOfTrailingZeros(candidates)
				: Math.log(candidates) / Math.log(2);
		return (int) Math.floor(Math.max(2 * vars * log2, 1.5 * candidates));
	}

}
