package io.mipro.optimizer;

import io.mipro.optimizer.spi.ModelSettings;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Every setting of a MIPROv2 run, immutable and validated. {@link #builder()} shows each default; they are the
 * reference's (spec 2.1, 2.2) unless noted. The builder is generated (RecordBuilder), so a setting is declared once,
 * here.
 *
 * @param auto light, medium or heavy; null to give {@code numCandidates} and {@code numTrials} yourself
 * @param numCandidates instruction and demo-set candidates per predictor (only without {@code auto})
 * @param numTrials objective trials (only without {@code auto})
 * @param maxBootstrappedDemos B: bootstrapped demos per set
 * @param maxLabeledDemos L: labeled demos per set
 * @param minibatch score trials on minibatches (recomputed as |valset| > 50 under {@code auto})
 * @param minibatchSize M
 * @param minibatchFullEvalSteps S: a full evaluation after every S minibatch trials
 * @param initTemperature temperature of the proposal calls
 * @param proposalRounds rounds of proposals and search; later rounds cool the temperature (1 = the reference)
 * @param seed root of every random choice; 0 is a seed like any other (the reference ignores it)
 * @param metricThreshold a bootstrapped run is kept when its score reaches this (null: any non-zero score)
 * @param maxErrors unparseable answers bootstrapping tolerates before it gives up
 * @param numThreads examples evaluated in parallel
 * @param viewDataBatchSize examples per dataset-summary call
 * @param maxLmCalls stop (keeping the best program so far) once this many calls were sent; null: no limit
 * @param strategy the reference's way of spending the budget, or ours (see {@link Strategy})
 * @param parallelTrials minibatch trials in flight at once (1 = the reference: one after another)
 * @param teacherModel runs the bootstrapping (the reference's teacher settings); null: the task model does
 * @param maxTokens stop (keeping the best program so far) once the answered calls used this many input and output
 *        tokens; null: no limit
 * @param maxCostUsd stop (keeping the best program so far) once the answered calls cost this many US dollars at the
 *        configured prices; null: no limit
 */
@RecordBuilder
public record MiproConfig(AutoPreset auto, Integer numCandidates, Integer numTrials, int maxBootstrappedDemos,
		int maxLabeledDemos, boolean minibatch, int minibatchSize, int minibatchFullEvalSteps, double initTemperature,
		int proposalRounds, long seed, Double metricThreshold, int maxErrors, int numThreads, int viewDataBatchSize,
		boolean programAwareProposer, boolean dataAwareProposer, boolean tipAwareProposer,
		boolean fewshotAwareProposer, ModelSettings promptModel, ModelSettings taskModel, Long maxLmCalls,
		Strategy strategy, int parallelTrials, Long maxTokens, Double maxCostUsd, ModelSettings teacherModel) {

	/** Under auto, minibatching is on when the capped validation set is larger than this. */
	static final int AUTO_MINIBATCH_THRESHOLD = 50;

	public MiproConfig {
		if (auto != null && (numCandidates != null || numTrials != null)) {
			throw new ConfigurationException("With auto=" + auto.key() + ", numCandidates and numTrials are derived; "
					+ "they would be overridden. Set auto to null to choose them yourself.");
		}
		if (auto == null && numCandidates != null && numTrials == null) {
			throw new ConfigurationException("With auto=null, numTrials is required next to numCandidates; for "
					+ numCandidates + " candidates the reference formula suggests numTrials="
					+ SearchPlan.trialsFor(numCandidates, 1, maxBootstrappedDemos == 0 && maxLabeledDemos == 0)
					+ " (one predictor).");
		}
		if (auto == null && (numCandidates == null || numTrials == null)) {
			throw new ConfigurationException("With auto=null, both numCandidates and numTrials are required.");
		}
		range("numCandidates", numCandidates, 1, 100);
		range("numTrials", numTrials, 1, 10_000);
		range("maxBootstrappedDemos", maxBootstrappedDemos, 0, 50);
		range("maxLabeledDemos", maxLabeledDemos, 0, 50);
		range("minibatchSize", minibatchSize, 1, 10_000);
		range("minibatchFullEvalSteps", minibatchFullEvalSteps, 1, 1_000);
		range("proposalRounds", proposalRounds, 1, 20);
		range("maxErrors", maxErrors, 1, 100_000);
		range("numThreads", numThreads, 1, 256);
		range("viewDataBatchSize", viewDataBatchSize, 1, 1_000);
		range("parallelTrials", parallelTrials, 1, 16);
		strategy = strategy == null ? Strategy.ADAPTIVE : strategy;
		if (!(initTemperature > 0 && initTemperature <= 2)) {
			throw new ConfigurationException("initTemperature must be in (0, 2]; got " + initTemperature);
		}
		if (seed < 0) {
			throw new ConfigurationException("seed must not be negative; got " + seed);
		}
		if (metricThreshold != null && !Double.isFinite(metricThreshold)) {
			throw new ConfigurationException("metricThreshold must be a finite number");
		}
		if (maxLmCalls != null && maxLmCalls < 1) {
			throw new ConfigurationException("maxLmCalls must be at least 1; got " + maxLmCalls);
		}
		if (maxTokens != null && maxTokens < 1) {
			throw new ConfigurationException("maxTokens must be at least 1; got " + maxTokens);
		}
		if (maxCostUsd != null && !(maxCostUsd > 0 && Double.isFinite(maxCostUsd))) {
			throw new ConfigurationException("maxCostUsd must be a positive number of US dollars; got " + maxCostUsd);
		}
		if (promptModel == null || taskModel == null) {
			throw new ConfigurationException("both a prompt model and a task model are required");
		}
		teacherModel = teacherModel == null ? taskModel : teacherModel;
	}

	private static void range(String name, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			throw new ConfigurationException(name + " must be between " + min + " and " + max + "; got " + value);
		}
	}

	/** Zero-shot mode: no demos at all (B = L = 0); only instructions are searched. */
	public boolean zeroShot() {
		return maxBootstrappedDemos == 0 && maxLabeledDemos == 0;
	}

	/**
	 * The run's sizes for {@code predictors} predictors and a validation set of {@code valsetSize} examples (before
	 * the auto cap).
	 * @throws ConfigurationException when minibatches cannot be drawn from the validation set
	 */
	public SearchPlan plan(int predictors, int valsetSize) {
		boolean zero = zeroShot();
		int n = auto != null ? auto.candidates() : numCandidates;
		int demoSets = n;
		int instructions = auto != null ? (zero ? n : n / 2) : numCandidates;
		int trials = auto != null ? SearchPlan.trialsFor(n, predictors, zero) : numTrials;
		int valset = auto != null ? Math.min(auto.valsetCap(), valsetSize) : valsetSize;
		boolean useMinibatch = auto != null ? valset > AUTO_MINIBATCH_THRESHOLD : minibatch;
		if (useMinibatch && minibatchSize > valset) {
			throw new ConfigurationException("minibatchSize (" + minibatchSize + ") is larger than the validation set ("
					+ valset + " examples); lower it or set minibatch=false.");
		}
		if (strategy == Strategy.ADAPTIVE && instructions > 1) {
			return adaptive(predictors, zero, n, demoSets, instructions, trials, useMinibatch, valset);
		}
		return new SearchPlan(predictors, zero, demoSets, instructions, trials, useMinibatch, minibatchSize,
				minibatchFullEvalSteps, valset, proposalRounds, strategy, 0, 0, trials);
	}

	/**
	 * The adaptive strategy's plan for the same budget: proposals are one prompt-model call each while a trial is
	 * dozens of task-model calls, so it proposes {@code n + 2} instructions per predictor instead of {@code n/2 - 1},
	 * scores each once without demos on a small shared minibatch (at most 12 examples, fewer when screening would
	 * otherwise cost more than half the reference's trials), keeps as many as the reference
	 * would search, scores each demo set once with the best instructions on the same minibatch, and gives up the
	 * objective trials that screening cost (never more than half), so the task model's calls stay at or under the
	 * reference's.
	 */
	private SearchPlan adaptive(int predictors, boolean zero, int n, int demoSets, int instructions, int trials,
			boolean useMinibatch, int valset) {
		int proposals = n + 2;
		int trialCost = useMinibatch ? Math.min(minibatchSize, valset) : valset;
		long screeningTrials = (long) predictors * (proposals + 1) + (zero ? 0 : demoSets - 1);
		// at most 12 examples each, and never more than half the reference's trials in all
		long affordable = (long) (trials / 2) * trialCost / screeningTrials;
		int screeningBatch = (int) Math.max(1, Math.min(Math.min(12, Math.max(5, valset / 2)), affordable));
		long screeningCost = screeningTrials * screeningBatch;
		// the most trials whose calls, with their periodic full evaluations and the screening, fit the reference's
		long budget = (long) trials * trialCost + (long) fullEvaluations(trials, useMinibatch) * valset;
		int kept = trials - trials / 2;
		for (int t = trials; t > trials - trials / 2; t--) {
			if (screeningCost + (long) t * trialCost + (long) fullEvaluations(t, useMinibatch) * valset <= budget) {
				kept = t;
				break;
			}
		}
		return new SearchPlan(predictors, zero, demoSets, instructions, kept, useMinibatch, minibatchSize,
				minibatchFullEvalSteps, valset, proposalRounds, strategy, proposals, screeningBatch, trials);
	}

	private int fullEvaluations(int trials, boolean useMinibatch) {
		return useMinibatch ? trials / minibatchFullEvalSteps + (trials % minibatchFullEvalSteps != 0 ? 1 : 0) : 0;
	}

	/**
	 * A builder holding every default: the reference's (spec 2.1, 2.2) unless noted. Settings left out of this list
	 * default to null (no limit, or derived).
	 */
	public static MiproConfigBuilder builder() {
		return MiproConfigBuilder.builder()
			.auto(AutoPreset.LIGHT)
			.maxBootstrappedDemos(4)
			.maxLabeledDemos(4)
			.minibatch(true)
			.minibatchSize(35)
			.minibatchFullEvalSteps(5)
			.initTemperature(1.0)
			.proposalRounds(1) // ours: 1 is the reference
			.seed(9)
			.maxErrors(10)
			.numThreads(8)
			.viewDataBatchSize(10)
			.programAwareProposer(true)
			.dataAwareProposer(true)
			.tipAwareProposer(true)
			.fewshotAwareProposer(true)
			.promptModel(ModelSettings.of("gpt-4o-mini"))
			.taskModel(ModelSettings.of("gpt-4o-mini"))
			.strategy(Strategy.ADAPTIVE) // ours: the reference's is Strategy.REFERENCE
			.parallelTrials(1);
	}

	/** A builder starting from these settings. */
	public MiproConfigBuilder toBuilder() {
		return MiproConfigBuilder.builder(this);
	}

}
