package io.mipro.optimizer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import io.mipro.optimizer.bootstrap.BootstrapSettings;
import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.bootstrap.DemoSetBuilder;
import io.mipro.optimizer.bootstrap.FewShotBootstrapper;
import io.mipro.optimizer.eval.Evaluation;
import io.mipro.optimizer.eval.Evaluator;
import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.propose.DatasetSummarizer;
import io.mipro.optimizer.propose.GroundedProposer;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.propose.ProgramContext;
import io.mipro.optimizer.propose.Tip;
import io.mipro.optimizer.search.Observation;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.TpeSampler;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import io.mipro.optimizer.spi.CancellationSignal;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.MeteredLanguageModel;
import io.mipro.optimizer.spi.Usage;
import io.mipro.optimizer.util.SeededRandom;

/**
 * MIPROv2 as a resumable step machine. {@link #step} takes a state and does the next unit of work (build one demo
 * set, write the dataset summary, describe one predictor, make one proposal, run one trial or full evaluation, score
 * the test set); {@link #run} repeats it, saving the state after every step. The unit of resumption is the step: a
 * run restored from any saved state continues exactly as the uninterrupted run, because every random choice is drawn
 * from a generator derived from the seed, the purpose and the step's own numbers, never from a shared stream.
 * <p>
 * Faithful to the reference in the presets, the trial formula, the demo sets, the grounded proposer's inputs and
 * tips, TPE with injected baseline and full evaluations, minibatches with a full evaluation of the best-mean
 * combination every S trials, and the final choice by full score (baseline wins ties). Departures: no wasted proposal
 * for the original instruction's slot, descriptions computed once per predictor, duplicate proposals dropped, model
 * faults propagate instead of scoring 0, "no combination left" skips the full evaluation instead of crashing, and the
 * baseline's combination counts as fully evaluated.
 */
public final class MiproOptimizer {

	private final MiproConfig config;

	private final Program student;

	private final List<Example> trainset;

	private final List<Example> devset;

	private final List<Example> testset;

	private final MeteredLanguageModel model;

	private final InstantSource clock;

	private final SearchPlan plan;

	private final Evaluator evaluator;

	private final DemoSetBuilder demoSetBuilder;

	private final DatasetSummarizer summarizer;

	private final GroundedProposer proposer;

	private final TpeSampler sampler = new TpeSampler();

	public MiproOptimizer(MiproConfig config, Program student, Metric metric, List<Example> trainset,
			List<Example> devset, List<Example> testset, LanguageModel model, Executor executor, InstantSource clock) {
		this.config = config;
		this.student = student;
		this.trainset = List.copyOf(trainset);
		this.devset = List.copyOf(devset);
		this.testset = testset == null ? List.of() : List.copyOf(testset);
		this.model = new MeteredLanguageModel(model);
		this.clock = clock;
		checkData();
		this.plan = config.plan(student.size(), devset.size());
		ProgramRunner runner = new ProgramRunner(this.model, config.taskModel());
		this.evaluator = new Evaluator(runner, metric, config.numThreads(), executor);
		this.demoSetBuilder = new DemoSetBuilder(new FewShotBootstrapper(new BootstrapSettings(runner, metric,
				config.metricThreshold(), config.maxErrors(), config.numThreads(), executor)), config.seed());
		this.summarizer = new DatasetSummarizer(this.model, config.promptModel(), config.viewDataBatchSize());
		this.proposer = new GroundedProposer(this.model, config.promptModel(), config.dataAwareProposer(),
				config.programAwareProposer(), config.fewshotAwareProposer());
	}

	/** The effect of one step: the new state and what happened. */
	public record StepResult(OptimizationState state, List<OptimizationEvent> events) {

	}

	public SearchPlan plan() {
		return plan;
	}

	private void checkData() {
		if (trainset.isEmpty()) {
			throw new ConfigurationException("the train set is empty");
		}
		if (devset.isEmpty()) {
			throw new ConfigurationException("the dev set is empty");
		}
		List<String> needed = new ArrayList<>(student.exampleInputs());
		student.outputs().forEach(f -> needed.add(f.name()));
		check(needed, trainset, "train");
		check(needed, devset, "dev");
		check(needed, testset, "test");
	}

	private static void check(List<String> fields, List<Example> examples, String name) {
		for (String field : fields) {
			for (int i = 0; i < examples.size(); i++) {
				if (!examples.get(i).has(field)) {
					throw new ConfigurationException("the " + name + " set lacks field `" + field + "` (example "
							+ (i + 1) + "), which the signature names");
				}
			}
		}
	}

	/** The state a new run starts from: the validation set drawn (under auto, capped and shuffled as the reference). */
	public OptimizationState initialState() {
		List<Integer> all = IntStream.range(0, devset.size()).boxed().toList();
		List<Integer> valset = config.auto() != null
				? SeededRandom.of(config.seed(), "valset").sample(all, plan.valsetSize()) : all;
		return OptimizationState.start(valset);
	}

	/** Steps until done or cancelled, saving after every step; returns the last state. */
	public OptimizationState run(OptimizationState start, CheckpointStore store, OptimizationListener listener,
			CancellationSignal cancellation) {
		OptimizationState state = start;
		while (!state.isDone() && !cancellation.isCancelled()) {
			StepResult result = step(state);
			state = result.state();
			store.save(state, result.events());
			result.events().forEach(listener::on);
		}
		return state;
	}

	/** Does the next unit of work. */
	public StepResult step(OptimizationState state) {
		Usage before = model.usage();
		List<OptimizationEvent> events = new ArrayList<>();
		if (overBudget(state)) {
			return new StepResult(stopForBudget(state, events), events);
		}
		OptimizationState next = switch (state.phase()) {
			case BOOTSTRAPPING -> bootstrap(state, events);
			case PROPOSING -> propose(state, events);
			case SEARCHING -> search(state, events);
			case FINALIZING -> finish(state, events);
			case DONE -> state;
		};
		return new StepResult(next.plusUsage(usageSince(before)), events);
	}

	private Usage usageSince(Usage before) {
		Usage now = model.usage();
		return new Usage(now.promptModelCalls() - before.promptModelCalls(),
				now.taskModelCalls() - before.taskModelCalls(), now.cachedCalls() - before.cachedCalls(),
				now.inputTokens() - before.inputTokens(), now.outputTokens() - before.outputTokens());
	}

	/**
	 * The call budget counts calls the provider answered (cache hits are free) and is checked before each step, so
	 * the step in progress always finishes: a run can exceed its budget by at most one step's calls.
	 */
	private boolean overBudget(OptimizationState state) {
		return config.maxLmCalls() != null && state.stopReason() == null && state.phase() != Phase.FINALIZING
				&& state.phase() != Phase.DONE && state.usage().sentCalls() >= config.maxLmCalls();
	}

	/** Ends the search early, keeping the best program so far; needs the baseline's score to have one. */
	private OptimizationState stopForBudget(OptimizationState state, List<OptimizationEvent> events) {
		String reason = "budget: maxLmCalls=" + config.maxLmCalls() + " reached after " + state.usage().sentCalls()
				+ " calls";
		if (state.trials().isEmpty()) {
			throw new OptimizerException("The call budget ran out (" + reason + ") before the baseline was scored, so "
					+ "there is no program to keep. This run needs roughly " + estimatedMinimumCalls()
					+ " calls to reach its baseline; raise maxLmCalls.");
		}
		events.add(new OptimizationEvent.PhaseChanged(state.phase(), Phase.FINALIZING));
		return state.stopped(reason);
	}

	/** Calls before the baseline is scored: demo sets (upper bound), the proposer's calls and the baseline itself. */
	private long estimatedMinimumCalls() {
		long bootstrap = (long) Math.max(0, plan.demoSets() - 2) * Math.min(trainset.size(),
				4L * Math.max(1, config.maxBootstrappedDemos()));
		long proposer = 11 + 2L * student.size() + (long) plan.proposalsPerPredictor() * student.size();
		return bootstrap + proposer + plan.valsetSize();
	}

	private OptimizationState changePhase(OptimizationState state, Phase to, List<OptimizationEvent> events) {
		events.add(new OptimizationEvent.PhaseChanged(state.phase(), to));
		return state.withPhase(to);
	}

	// --- Step 1: demo sets ---------------------------------------------------------------------------------------

	private OptimizationState bootstrap(OptimizationState state, List<OptimizationEvent> events) {
		if (state.demoSets().size() < plan.demoSets()) {
			int j = state.demoSets().size();
			// zero-shot runs still build sets (B = 3, L = 0), only to show the proposer bootstrapped demos
			int maxBootstrapped = plan.zeroShot() ? MiproConfig.ZERO_SHOT_BOOTSTRAPPED : config.maxBootstrappedDemos();
			int maxLabeled = plan.zeroShot() ? 0 : config.maxLabeledDemos();
			DemoSet set = demoSetBuilder.build(j, student, trainset, maxBootstrapped, maxLabeled);
			events.add(new OptimizationEvent.DemoSetBuilt(set));
			return state.withDemoSet(set);
		}
		List<List<InstructionCandidate>> originals = new ArrayList<>();
		for (int p = 0; p < student.size(); p++) {
			originals.add(List.of(InstructionCandidate.original(p, student.predictor(p).signature().instructions())));
		}
		return changePhase(state.withCandidates(originals, 0), Phase.PROPOSING, events);
	}

	// --- Step 2: instruction proposals ---------------------------------------------------------------------------

	private OptimizationState propose(OptimizationState state, List<OptimizationEvent> events) {
		if (config.dataAwareProposer() && !state.summarized()) {
			String summary = summarizer.summarize(trainset, student.exampleInputs()).orElse(null);
			events.add(new OptimizationEvent.DatasetSummarized(summary));
			return state.withSummary(summary);
		}
		if (state.contexts().size() < student.size()) {
			return state.withContext(
					proposer.describe(student, state.contexts().size(), state.demoSets(), config.initTemperature()));
		}
		int perPredictor = plan.proposalsPerPredictor();
		if (state.proposalsAttempted() < perPredictor * student.size()) {
			return proposeOne(state, state.proposalsAttempted() / perPredictor,
					1 + state.proposalsAttempted() % perPredictor, events);
		}
		return changePhase(state, Phase.SEARCHING, events);
	}

	private OptimizationState proposeOne(OptimizationState state, int predictor, int demoSet,
			List<OptimizationEvent> events) {
		int round = state.round();
		SeededRandom random = SeededRandom.of(config.seed(), "proposal", round, predictor, demoSet);
		Tip tip = config.tipAwareProposer() ? random.choice(Tip.ALL) : Tip.NONE;
		long rolloutId = random.nextLong(1_000_000_001L);
		double temperature = config.initTemperature() * Math.exp(-0.1 * round);
		String history = round > 0 ? instructionHistory(state, predictor) : null;
		GroundedProposer.Proposal proposal = new GroundedProposer.Proposal(predictor, demoSet % plan.demoSets(), tip,
				temperature, rolloutId, history);
		Optional<String> text = proposer.propose(student, proposal, state.contexts().get(predictor),
				state.datasetSummary(), state.demoSets());
		List<List<InstructionCandidate>> candidates = new ArrayList<>(state.candidates());
		List<InstructionCandidate> mine = new ArrayList<>(candidates.get(predictor));
		int attempted = state.proposalsAttempted() + 1;
		if (text.isEmpty()) {
			events.add(new OptimizationEvent.ProposalDropped(predictor, round, "the prompt model's answer was unusable"));
			return state.withCandidates(candidates, attempted);
		}
		String key = dedupKey(text.get());
		if (mine.stream().anyMatch(c -> dedupKey(c.text()).equals(key))) {
			events.add(new OptimizationEvent.ProposalDropped(predictor, round, "duplicate of an existing instruction"));
			return state.withCandidates(candidates, attempted);
		}
		InstructionCandidate candidate = new InstructionCandidate(predictor, mine.size(), text.get(), round, tip.key(),
				temperature, rolloutId, proposal.demoSet());
		mine.add(candidate);
		candidates.set(predictor, mine);
		events.add(new OptimizationEvent.CandidateProposed(candidate));
		return state.withCandidates(candidates, attempted);
	}

	private static String dedupKey(String text) {
		return String.join(" ", text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
	}

	/** The best instructions so far with their mean scores, for later rounds' proposals (best last). */
	private String instructionHistory(OptimizationState state, int predictor) {
		String param = SearchSpace.instructionParam(predictor);
		Map<Integer, double[]> sums = new LinkedHashMap<>();
		for (Trial trial : state.trials()) {
			sums.computeIfAbsent(trial.params().get(param), k -> new double[2]);
			double[] sum = sums.get(trial.params().get(param));
			sum[0] += trial.score();
			sum[1]++;
		}
		List<InstructionCandidate> scored = new ArrayList<>(state.candidates().get(predictor));
		scored.removeIf(c -> !sums.containsKey(c.index()));
		scored.sort(Comparator.comparingDouble((InstructionCandidate c) -> -mean(sums.get(c.index()))));
		List<InstructionCandidate> top = new ArrayList<>(scored.subList(0, Math.min(5, scored.size())));
		java.util.Collections.reverse(top);
		StringBuilder text = new StringBuilder();
		for (InstructionCandidate candidate : top) {
			text.append("Instruction: ").append(candidate.text()).append('\n');
			text.append("Score: ").append(String.format(Locale.ROOT, "%.2f", mean(sums.get(candidate.index())))).append("\n\n");
		}
		return text.toString().strip();
	}

	private static double mean(double[] sum) {
		return sum[0] / sum[1];
	}

	// --- Step 3: search -------------------------------------------------------------------------------------------

	private OptimizationState search(OptimizationState state, List<OptimizationEvent> events) {
		if (state.trials().isEmpty()) {
			return baseline(state, events);
		}
		int minibatchTotal = count(state, TrialKind.MINIBATCH, -1);
		int minibatchInRound = count(state, TrialKind.MINIBATCH, state.round());
		if (plan.minibatch() && minibatchTotal > state.fullEvalChecks()
				&& (minibatchInRound % plan.fullEvalSteps() == 0 || minibatchInRound == plan.numTrials())) {
			return periodicFullEvaluation(state, minibatchTotal, events);
		}
		int objectiveInRound = (int) state.trials()
			.stream()
			.filter(t -> t.round() == state.round() && (t.kind() == TrialKind.MINIBATCH || t.kind() == TrialKind.FULL))
			.count();
		if (objectiveInRound < plan.numTrials()) {
			return objectiveTrial(state, events);
		}
		if (state.round() + 1 < plan.proposalRounds()) {
			events.add(new OptimizationEvent.PhaseChanged(Phase.SEARCHING, Phase.PROPOSING));
			return state.nextRound();
		}
		return changePhase(state, Phase.FINALIZING, events);
	}

	private static int count(OptimizationState state, TrialKind kind, int round) {
		return (int) state.trials().stream().filter(t -> t.kind() == kind && (round < 0 || t.round() == round)).count();
	}

	private OptimizationState baseline(OptimizationState state, List<OptimizationEvent> events) {
		Map<String, Integer> origin = searchSpace(state).origin();
		Trial trial = evaluate(state, 1, TrialKind.BASELINE, origin, state.valset(), List.of());
		events.add(new OptimizationEvent.TrialFinished(trial));
		events.add(new OptimizationEvent.NewBest(trial));
		return state.withTrial(trial, state.fullEvalChecks());
	}

	private OptimizationState objectiveTrial(OptimizationState state, List<OptimizationEvent> events) {
		int number = state.trials().size() + 1;
		SearchSpace space = searchSpace(state);
		List<Observation> history = state.trials().stream().map(Trial::observation).toList();
		Map<String, Integer> params = sampler.suggest(space, history, SeededRandom.of(config.seed(), "tpe", number));
		Trial trial;
		if (plan.minibatch() && plan.minibatchSize() < state.valset().size()) {
			List<Integer> positions = IntStream.range(0, state.valset().size()).boxed().toList();
			List<Integer> batch = SeededRandom.of(config.seed(), "minibatch", number)
				.sample(positions, plan.minibatchSize());
			List<Integer> devIndices = batch.stream().map(state.valset()::get).toList();
			trial = evaluate(state, number, TrialKind.MINIBATCH, params, devIndices, batch);
		}
		else {
			trial = evaluate(state, number, plan.minibatch() ? TrialKind.MINIBATCH : TrialKind.FULL, params,
					state.valset(), List.of());
		}
		events.add(new OptimizationEvent.TrialFinished(trial));
		OptimizationState next = state.withTrial(trial, state.fullEvalChecks());
		if (trial.kind().isFull() && best(next).number() == trial.number()) {
			events.add(new OptimizationEvent.NewBest(trial));
		}
		return next;
	}

	/**
	 * Fully evaluates the combination with the best mean minibatch score that has no full score yet (combinations in
	 * order of first appearance on ties); skips when none is left.
	 */
	private OptimizationState periodicFullEvaluation(OptimizationState state, int minibatchTotal,
			List<OptimizationEvent> events) {
		Map<Map<String, Integer>, double[]> means = new LinkedHashMap<>();
		Set<Map<String, Integer>> fullyEvaluated = new HashSet<>();
		for (Trial trial : state.trials()) {
			if (trial.kind() == TrialKind.MINIBATCH) {
				double[] sum = means.computeIfAbsent(trial.params(), k -> new double[2]);
				sum[0] += trial.score();
				sum[1]++;
			}
			else {
				fullyEvaluated.add(trial.params());
			}
		}
		Optional<Map<String, Integer>> pick = means.entrySet()
			.stream()
			.sorted(Comparator.comparingDouble((Map.Entry<Map<String, Integer>, double[]> e) -> -mean(e.getValue())))
			.map(Map.Entry::getKey)
			.filter(params -> !fullyEvaluated.contains(params))
			.findFirst();
		if (pick.isEmpty()) {
			events.add(new OptimizationEvent.FullEvaluationSkipped(minibatchTotal));
			return state.withFullEvalChecks(minibatchTotal);
		}
		Trial trial = evaluate(state, state.trials().size() + 1, TrialKind.FULL_EVAL, pick.get(), state.valset(),
				List.of());
		events.add(new OptimizationEvent.TrialFinished(trial));
		OptimizationState next = state.withTrial(trial, minibatchTotal);
		if (best(next).number() == trial.number()) {
			events.add(new OptimizationEvent.NewBest(trial));
		}
		return next;
	}

	private Trial evaluate(OptimizationState state, int number, TrialKind kind, Map<String, Integer> params,
			List<Integer> devIndices, List<Integer> batch) {
		Instant start = clock.instant();
		Usage before = model.usage();
		List<Example> examples = devIndices.stream().map(devset::get).toList();
		Evaluation evaluation = evaluator.evaluate(programFor(state, params), examples,
				kind.name().toLowerCase(Locale.ROOT));
		long millis = Duration.between(start, clock.instant()).toMillis();
		return new Trial(number, kind, state.round(), params, evaluation.score(), batch, examples.size(),
				evaluation.parseFailures(), usageSince(before), millis);
	}

	// --- Step 4: final program and test scores ---------------------------------------------------------------------

	private OptimizationState finish(OptimizationState state, List<OptimizationEvent> events) {
		Trial best = best(state);
		// a run stopped by its budget spends nothing more, not even on the test set
		if (!testset.isEmpty() && state.baselineTestScore() == null && state.stopReason() == null) {
			double baseline = evaluator.evaluate(programFor(state, searchSpace(state).origin()), testset, "test")
				.score();
			double optimized = best.number() == 1 ? baseline
					: evaluator.evaluate(programFor(state, best.params()), testset, "test").score();
			events.add(new OptimizationEvent.TestScored(baseline, optimized));
			return state.withTestScores(baseline, optimized);
		}
		OptimizationState done = changePhase(state, Phase.DONE, events);
		events.add(new OptimizationEvent.Finished(best, state.stopReason()));
		return done;
	}

	// --- Reading a state ---------------------------------------------------------------------------------------------

	/** The search space of a state: instruction candidates per predictor and, unless zero-shot, the demo sets. */
	public SearchSpace searchSpace(OptimizationState state) {
		List<Integer> instructions = state.candidates().stream().map(List::size).toList();
		List<Integer> demoSets = plan.zeroShot() ? null
				: IntStream.range(0, student.size()).mapToObj(i -> state.demoSets().size()).toList();
		return SearchSpace.of(instructions, demoSets);
	}

	/** The program a combination stands for. */
	public Program programFor(OptimizationState state, Map<String, Integer> params) {
		Program program = student;
		for (int p = 0; p < student.size(); p++) {
			Predictor predictor = student.predictor(p)
				.withInstructions(state.candidates().get(p).get(params.get(SearchSpace.instructionParam(p))).text());
			if (!plan.zeroShot()) {
				predictor = predictor
					.withDemos(state.demoSets().get(params.get(SearchSpace.demosParam(p))).demosFor(p));
			}
			program = program.with(p, predictor);
		}
		return program;
	}

	/** The trial with the highest full-validation score; earlier wins ties, so the baseline wins against equals. */
	public static Trial best(OptimizationState state) {
		Trial best = null;
		for (Trial trial : state.trials()) {
			if (trial.kind().isFull() && (best == null || trial.score() > best.score())) {
				best = trial;
			}
		}
		if (best == null) {
			throw new IllegalStateException("no full evaluation yet");
		}
		return best;
	}

	/** The optimized program: the best full-scored combination. */
	public Program bestProgram(OptimizationState state) {
		return programFor(state, best(state).params());
	}

	/** Field names the metric compares. */
	public List<String> outputFields() {
		return student.outputs().stream().map(Field::name).toList();
	}

}
