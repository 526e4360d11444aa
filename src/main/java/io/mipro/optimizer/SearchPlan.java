package io.mipro.optimizer;

/**
 * The sizes a run works with, derived from the settings and the data as the reference derives them (spec 2.4, 2.5).
 *
 * @param demoSets candidate demo sets per predictor (set 0 included)
 * @param instructionCandidates instruction candidates per predictor in round 0 (the original included)
 * @param numTrials objective trials per round
 * @param valsetSize examples in the validation set after any capping
 */
public record SearchPlan(int predictors, boolean zeroShot, int demoSets, int instructionCandidates, int numTrials,
		boolean minibatch, int minibatchSize, int fullEvalSteps, int valsetSize, int proposalRounds) {

	/** Proposals per predictor and round: candidates beyond the original, one per demo set at most. */
	public int proposalsPerPredictor() {
		return Math.max(0, Math.min(instructionCandidates, demoSets) - 1);
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
		return 1 + proposalRounds * (numTrials + fullEvaluations());
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
