package io.mipro.optimizer;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import io.mipro.optimizer.bootstrap.BootstrapSettings;
import io.mipro.optimizer.bootstrap.DemoSetBuilder;
import io.mipro.optimizer.bootstrap.FewShotBootstrapper;
import io.mipro.optimizer.eval.Evaluator;
import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.propose.DatasetSummarizer;
import io.mipro.optimizer.propose.GroundedProposer;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.spi.CancellationSignal;
import io.mipro.optimizer.spi.LanguageModel;
import io.mipro.optimizer.spi.MeteredLanguageModel;
import io.mipro.optimizer.spi.Prices;
import io.mipro.optimizer.spi.Retrieval;
import io.mipro.optimizer.spi.Usage;
import io.mipro.optimizer.util.SeededRandom;

/**
 * MIPROv2 as a resumable step machine. {@link #step} takes a state and does the next unit of work; {@link #run}
 * repeats it, saving the state after every step. Each phase is its own class, named after the spec section it
 * implements: {@link BootstrapPhase} (3), {@link ProposalPhase} (4), {@link SearchPhase} (5) and {@link FinalPhase}
 * (5.6), with the {@link CallBudget} checked before every step. The unit of resumption is the step: a run restored
 * from any saved state continues exactly as the uninterrupted run, because every random choice is drawn from a
 * generator derived from the seed, the purpose and the step's own numbers, never from a shared stream.
 */
public final class MiproOptimizer {

	private final RunContext run;

	private final CallBudget budget;

	private final BootstrapPhase bootstrap;

	private final ProposalPhase proposals;

	private final SearchPhase search;

	private final FinalPhase last;

	public MiproOptimizer(MiproConfig config, Program student, Metric metric, List<Example> trainset,
			List<Example> devset, List<Example> testset, LanguageModel model, Executor executor, InstantSource clock) {
		this(config, student, metric, trainset, devset, testset, model, Retrieval.NONE, executor, clock);
	}

	public MiproOptimizer(MiproConfig config, Program student, Metric metric, List<Example> trainset,
			List<Example> devset, List<Example> testset, LanguageModel model, Retrieval retrieval, Executor executor,
			InstantSource clock) {
		this(config, student, metric, trainset, devset, testset, model, retrieval, Prices.NONE, executor, clock);
	}

	/** With the prices that cost its calls (for usage and the {@code maxCostUsd} budget). */
	public MiproOptimizer(MiproConfig config, Program student, Metric metric, List<Example> trainset,
			List<Example> devset, List<Example> testset, LanguageModel model, Retrieval retrieval, Prices prices,
			Executor executor, InstantSource clock) {
		List<Example> train = List.copyOf(trainset);
		List<Example> dev = List.copyOf(devset);
		List<Example> test = testset == null ? List.of() : List.copyOf(testset);
		checkData(student, train, dev, test);
		SearchPlan plan = config.plan(student.size(), dev.size());
		MeteredLanguageModel metered = new MeteredLanguageModel(model, retrieval, prices);
		ProgramRunner runner = new ProgramRunner(metered, config.taskModel(), metered);
		// a judge metric calls its model through the run's meter, so its calls count against the budgets
		Metric judged = metric.bind(metered);
		Evaluator evaluator = new Evaluator(runner, judged, config.numThreads(), executor);
		this.run = new RunContext(config, plan, student, train, dev, test, metered, evaluator, clock);
		this.budget = new CallBudget(run);
		DatasetSummarizer summarizer = new DatasetSummarizer(metered, config.promptModel(), config.viewDataBatchSize());
		// the teacher runs the bootstrapping traces (the task model unless the job names another), counted as task calls
		ProgramRunner teacher = new ProgramRunner(metered, config.teacherModel(), metered);
		this.bootstrap = new BootstrapPhase(run, new DemoSetBuilder(new FewShotBootstrapper(new BootstrapSettings(
				teacher, judged, config.metricThreshold() != null ? config.metricThreshold() : judged.defaultThreshold(),
				config.maxErrors(), config.numThreads(), executor)),
				config.seed()), summarizer);
		this.proposals = new ProposalPhase(run, summarizer, new GroundedProposer(metered, config.promptModel(),
				config.dataAwareProposer(), config.programAwareProposer(), config.fewshotAwareProposer()));
		this.search = new SearchPhase(run);
		this.last = new FinalPhase(run);
	}

	/** The effect of one step: the new state and what happened. */
	public record StepResult(OptimizationState state, List<OptimizationEvent> events) {

	}

	public SearchPlan plan() {
		return run.plan();
	}

	private static void checkData(Program student, List<Example> train, List<Example> dev, List<Example> test) {
		if (train.isEmpty()) {
			throw new ConfigurationException("the train set is empty");
		}
		if (dev.isEmpty()) {
			throw new ConfigurationException("the dev set is empty");
		}
		List<String> needed = student.requiredFields();
		check(needed, train, "train");
		check(needed, dev, "dev");
		check(needed, test, "test");
	}

	private static void check(List<String> fields, List<Example> examples, String name) {
		for (String field : fields) {
			for (int i = 0; i < examples.size(); i++) {
				if (!examples.get(i).has(field)) {
					throw new ConfigurationException("the " + name + " set lacks field `" + field + "` (example "
							+ (i + 1) + "), which the program reads or is scored on");
				}
			}
		}
	}

	/** The state a new run starts from: the validation set drawn (under auto, capped and shuffled as the reference). */
	public OptimizationState initialState() {
		List<Integer> all = IntStream.range(0, run.devset().size()).boxed().toList();
		List<Integer> valset = run.config().auto() != null
				? SeededRandom.of(run.config().seed(), "valset").sample(all, run.plan().valsetSize()) : all;
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
		Usage before = run.model().usage();
		List<OptimizationEvent> events = new ArrayList<>();
		if (budget.exhausted(state)) {
			return new StepResult(budget.stop(state, events), events);
		}
		OptimizationState next = switch (state.phase()) {
			case BOOTSTRAPPING -> bootstrap.step(state, events);
			case PROPOSING -> proposals.step(state, events);
			case SEARCHING -> search.step(state, events);
			case FINALIZING -> last.step(state, events);
			case DONE -> state;
		};
		return new StepResult(next.plusUsage(run.usageSince(before)), events);
	}

	// --- Reading a state ---------------------------------------------------------------------------------------------

	/** The search space of a state: instruction candidates per predictor and, unless zero-shot, the demo sets. */
	public SearchSpace searchSpace(OptimizationState state) {
		return run.searchSpace(state);
	}

	/** The program a combination stands for. */
	public Program programFor(OptimizationState state, Map<String, Integer> params) {
		return run.programFor(state, params);
	}

	/** The trial with the highest full-validation score; earlier wins ties, so the baseline wins against equals. */
	public static Trial best(OptimizationState state) {
		return state.best();
	}

	/** The optimized program: the best full-scored combination. */
	public Program bestProgram(OptimizationState state) {
		return programFor(state, state.best().params());
	}

	/** Field names the metric compares. */
	public List<String> outputFields() {
		return run.student().outputNames();
	}

}
