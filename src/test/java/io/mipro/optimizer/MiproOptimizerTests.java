package io.mipro.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mipro.optimizer.eval.Metrics;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiproOptimizerTests {

	static final ExecutorService executor = Executors.newFixedThreadPool(4);

	static final Program STUDENT = Program.of(Predictor.single(ModuleKind.PREDICT,
			Signature.parse("question -> answer", "Answer the question.")));

	/** A fixed clock, so trial durations (the only non-deterministic field) are equal across runs. */
	static final InstantSource CLOCK = InstantSource.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"));

	@AfterAll
	static void shutdown() {
		executor.shutdown();
	}

	static MiproOptimizer optimizer(MiproConfig config, int train, int dev, ScriptedModel model) {
		return new MiproOptimizer(config, STUDENT, Metrics.EXACT_MATCH, ScriptedModel.examples(train, 0),
				ScriptedModel.examples(dev, 1000), List.of(), model, executor, CLOCK);
	}

	static OptimizationState runToEnd(MiproOptimizer optimizer, OptimizationState state) {
		return optimizer.run(state, CheckpointStore.NONE, OptimizationListener.NONE,
				io.mipro.optimizer.spi.CancellationSignal.NEVER);
	}

	@Test
	void findsAProgramBetterThanTheBaseline() {
		ScriptedModel model = new ScriptedModel();
		MiproOptimizer optimizer = optimizer(MiproConfig.builder().strategy(Strategy.REFERENCE).build(), 50, 20, model);

		OptimizationState end = runToEnd(optimizer, optimizer.initialState());

		Trial baseline = end.trials().get(0);
		Trial best = MiproOptimizer.best(end);
		assertThat(baseline.kind()).isEqualTo(TrialKind.BASELINE);
		assertThat(best.score()).isGreaterThan(baseline.score());
		assertThat(end.phase()).isEqualTo(Phase.DONE);
		// light on 20 dev examples: no minibatch, 10 full trials besides the baseline, 6 demo sets, 3 instructions
		assertThat(end.trials()).hasSize(11).allMatch(t -> t.kind().isFull());
		assertThat(end.demoSets()).hasSize(6);
		assertThat(end.candidates().get(0)).hasSize(3);
		assertThat(end.candidates().get(0).get(0).text()).isEqualTo("Answer the question.");
		assertThat(end.usage().taskModelCalls()).isPositive();
		assertThat(end.usage().promptModelCalls()).isPositive();
	}

	@ParameterizedTest(name = "{0}: {1} minibatch trials and {2} full evaluations")
	@CsvSource({ "LIGHT, 10, 2", "MEDIUM, 18, 4", "HEAVY, 27, 6" })
	void trialAndFullEvaluationCountsFollowTheReferenceFormula(AutoPreset preset, int minibatchTrials,
			int fullEvaluations) {
		MiproOptimizer optimizer = optimizer(MiproConfig.builder().auto(preset).strategy(Strategy.REFERENCE).build(), 40, 100, new ScriptedModel());
		List<OptimizationEvent> events = new ArrayList<>();

		OptimizationState end = optimizer.run(optimizer.initialState(), CheckpointStore.NONE, events::add,
				io.mipro.optimizer.spi.CancellationSignal.NEVER);

		assertThat(optimizer.plan().numTrials()).isEqualTo(minibatchTrials);
		assertThat(optimizer.plan().fullEvaluations()).isEqualTo(fullEvaluations);
		assertThat(optimizer.plan().minibatch()).isTrue();
		assertThat(end.trials().stream().filter(t -> t.kind() == TrialKind.MINIBATCH)).hasSize(minibatchTrials)
			.allMatch(t -> t.batchSize() == 35 && t.batch().size() == 35);
		long fullEvals = end.trials().stream().filter(t -> t.kind() == TrialKind.FULL_EVAL).count();
		long skipped = events.stream().filter(e -> e instanceof OptimizationEvent.FullEvaluationSkipped).count();
		assertThat(fullEvals + skipped).isEqualTo(fullEvaluations);
		assertThat(fullEvals).as("full evaluations that found a combination to evaluate").isPositive();
		assertThat(end.fullEvalChecks()).isEqualTo(minibatchTrials);
		assertThat(end.trials().get(0).batchSize()).isEqualTo(100);
		assertThat(end.demoSets()).hasSize(preset.candidates());
		// trial numbers are consecutive from the baseline's 1
		assertThat(end.trials()).extracting(Trial::number)
			.containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, end.trials().size()).boxed().toList());
	}

	@Test
	void periodicFullEvaluationsFollowEverySMinibatchTrials() {
		List<OptimizationEvent> events = new ArrayList<>();
		MiproOptimizer optimizer = optimizer(MiproConfig.builder().strategy(Strategy.REFERENCE).build(), 40, 100, new ScriptedModel());

		OptimizationState end = optimizer.run(optimizer.initialState(), CheckpointStore.NONE, events::add,
				io.mipro.optimizer.spi.CancellationSignal.NEVER);

		// light, |V| = 100: baseline 1, minibatch 2-6, full 7, minibatch 8-12, full 13 (the reference's 5.9)
		assertThat(end.trials()).extracting(t -> t.number() + ":" + t.kind())
			.containsExactly("1:BASELINE", "2:MINIBATCH", "3:MINIBATCH", "4:MINIBATCH", "5:MINIBATCH", "6:MINIBATCH",
					"7:FULL_EVAL", "8:MINIBATCH", "9:MINIBATCH", "10:MINIBATCH", "11:MINIBATCH", "12:MINIBATCH",
					"13:FULL_EVAL");
		assertThat(events).noneMatch(e -> e instanceof OptimizationEvent.FullEvaluationSkipped);
		// each periodic full evaluation scored the best-mean combination not yet fully scored at that point
		for (Trial full : end.trials()) {
			if (full.kind() == TrialKind.FULL_EVAL) {
				List<Trial> before = end.trials().subList(0, full.number() - 1);
				assertThat(SearchPhase.nextToFullyEvaluate(before, optimizer.searchSpace(end))).contains(full.params());
			}
		}
		assertThat(MiproOptimizer.best(end).kind()).isIn(TrialKind.BASELINE, TrialKind.FULL_EVAL);
	}

	@Test
	void theFullEvaluationPicksTheBestMeanCombinationNotYetFullyScoredFirstSeenOnTies() {
		Map<String, Integer> origin = Map.of("0_predictor_instruction", 0, "0_predictor_demos", 0);
		Map<String, Integer> a = Map.of("0_predictor_instruction", 1, "0_predictor_demos", 2);
		Map<String, Integer> b = Map.of("0_predictor_instruction", 2, "0_predictor_demos", 1);
		Map<String, Integer> c = Map.of("0_predictor_instruction", 1, "0_predictor_demos", 1);
		List<Trial> trials = new ArrayList<>(List.of(trial(1, TrialKind.BASELINE, origin, 10),
				trial(2, TrialKind.MINIBATCH, a, 60), trial(3, TrialKind.MINIBATCH, b, 80),
				trial(4, TrialKind.MINIBATCH, a, 100), trial(5, TrialKind.MINIBATCH, c, 80),
				trial(6, TrialKind.MINIBATCH, origin, 95)));

		// means: a 80, b 80, c 80, origin 95 (already fully scored as the baseline)
		assertThat(SearchPhase.nextToFullyEvaluate(trials, io.mipro.optimizer.search.SearchSpace.of(List.of(3), List.of(3)))).contains(a);
		trials.add(trial(7, TrialKind.FULL_EVAL, a, 70));
		assertThat(SearchPhase.nextToFullyEvaluate(trials, io.mipro.optimizer.search.SearchSpace.of(List.of(3), List.of(3)))).contains(b);
		trials.add(trial(8, TrialKind.MINIBATCH, c, 90));
		assertThat(SearchPhase.nextToFullyEvaluate(trials, io.mipro.optimizer.search.SearchSpace.of(List.of(3), List.of(3)))).contains(c);
		trials.add(trial(9, TrialKind.FULL_EVAL, c, 70));
		trials.add(trial(10, TrialKind.FULL_EVAL, b, 70));
		assertThat(SearchPhase.nextToFullyEvaluate(trials, io.mipro.optimizer.search.SearchSpace.of(List.of(3), List.of(3)))).isEmpty();
	}

	private static Trial trial(int number, TrialKind kind, Map<String, Integer> params, double score) {
		return new Trial(number, kind, 0, params, score, List.of(), 10, 0, io.mipro.optimizer.spi.Usage.NONE, 0);
	}

	@Test
	void sameSeedSameRunDifferentSeedDifferentSearch() {
		MiproConfig config = MiproConfig.builder().seed(0).build();
		OptimizationState a = runToEnd(optimizer(config, 30, 20, new ScriptedModel()),
				optimizer(config, 30, 20, new ScriptedModel()).initialState());
		OptimizationState b = runToEnd(optimizer(config, 30, 20, new ScriptedModel()),
				optimizer(config, 30, 20, new ScriptedModel()).initialState());
		MiproConfig other = config.toBuilder().seed(1).build();
		OptimizationState c = runToEnd(optimizer(other, 30, 20, new ScriptedModel()),
				optimizer(other, 30, 20, new ScriptedModel()).initialState());

		assertThat(b).isEqualTo(a);
		assertThat(c.trials().stream().map(Trial::params).toList())
			.isNotEqualTo(a.trials().stream().map(Trial::params).toList());
	}

	@ParameterizedTest(name = "{0}, {1} trial(s) at once")
	@CsvSource({ "REFERENCE, 1", "ADAPTIVE, 1", "REFERENCE, 3", "ADAPTIVE, 3" })
	void aRunResumedFromAnyStepEndsExactlyAsTheUninterruptedRun(Strategy strategy, int parallelTrials) {
		MiproConfig config = MiproConfig.builder().auto(null).numCandidates(4).numTrials(7).minibatchSize(10)
			.minibatchFullEvalSteps(3).strategy(strategy).parallelTrials(parallelTrials).build();
		List<OptimizationState> states = new ArrayList<>();
		MiproOptimizer uninterrupted = optimizer(config, 24, 30, new ScriptedModel());
		OptimizationState first = uninterrupted.initialState();
		states.add(first);
		OptimizationState end = uninterrupted.run(first, (state, events) -> states.add(state),
				OptimizationListener.NONE, io.mipro.optimizer.spi.CancellationSignal.NEVER);
		assertThat(states.size()).isGreaterThan(12);

		for (int k = 0; k < states.size(); k++) {
			MiproOptimizer fresh = optimizer(config, 24, 30, new ScriptedModel());
			OptimizationState resumed = runToEnd(fresh, states.get(k));
			assertThat(resumed.trials()).as("trials when resumed after step %d", k).isEqualTo(end.trials());
			assertThat(resumed.candidates()).as("candidates when resumed after step %d", k)
				.isEqualTo(end.candidates());
			assertThat(fresh.bestProgram(resumed)).isEqualTo(uninterrupted.bestProgram(end));
			// usage is part of the state, so a resumed run reports what the whole run cost
			assertThat(resumed.usage()).isEqualTo(end.usage());
		}
	}

	@Test
	void parallelTrialsKeepTheScheduleAndEachTrialReportsItsOwnCalls() {
		MiproConfig config = MiproConfig.builder().strategy(Strategy.REFERENCE).parallelTrials(4).build();
		List<OptimizationState> saved = new ArrayList<>();
		MiproOptimizer optimizer = optimizer(config, 40, 100, new ScriptedModel());

		OptimizationState end = optimizer.run(optimizer.initialState(), (state, events) -> saved.add(state),
				OptimizationListener.NONE, io.mipro.optimizer.spi.CancellationSignal.NEVER);

		// the reference's schedule, in batches of at most 4 that never cross a periodic full evaluation
		assertThat(end.trials()).extracting(t -> t.number() + ":" + t.kind())
			.containsExactly("1:BASELINE", "2:MINIBATCH", "3:MINIBATCH", "4:MINIBATCH", "5:MINIBATCH", "6:MINIBATCH",
					"7:FULL_EVAL", "8:MINIBATCH", "9:MINIBATCH", "10:MINIBATCH", "11:MINIBATCH", "12:MINIBATCH",
					"13:FULL_EVAL");
		List<Integer> trialsPerStep = new ArrayList<>();
		for (int k = 1; k < saved.size(); k++) {
			int added = saved.get(k).trials().size() - saved.get(k - 1).trials().size();
			if (added > 0) {
				trialsPerStep.add(added);
			}
		}
		assertThat(trialsPerStep).containsExactly(1, 4, 1, 1, 4, 1, 1);
		// each minibatch trial metered only its own 35 calls, though four ran at once
		assertThat(end.trials()).filteredOn(t -> t.kind() == io.mipro.optimizer.search.TrialKind.MINIBATCH)
			.allMatch(t -> t.usage().taskModelCalls() + t.usage().cachedCalls() == 35);
		// and the same seed gives the same run
		MiproOptimizer again = optimizer(config, 40, 100, new ScriptedModel());
		assertThat(runToEnd(again, again.initialState()).trials()).isEqualTo(end.trials());
	}

	@Test
	void cancellationStopsBetweenStepsWithTheStateIntact() {
		MiproOptimizer optimizer = optimizer(MiproConfig.builder().build(), 20, 20, new ScriptedModel());
		int[] steps = { 0 };
		OptimizationState stopped = optimizer.run(optimizer.initialState(), (state, events) -> steps[0]++,
				OptimizationListener.NONE, () -> steps[0] >= 5);

		assertThat(stopped.isDone()).isFalse();
		assertThat(steps[0]).isEqualTo(5);
		assertThat(runToEnd(optimizer(MiproConfig.builder().build(), 20, 20, new ScriptedModel()), stopped).isDone())
			.isTrue();
	}

	@Test
	void zeroShotSearchesInstructionsOnly() {
		MiproConfig config = MiproConfig.builder().strategy(Strategy.REFERENCE).maxBootstrappedDemos(0).maxLabeledDemos(0).build();
		MiproOptimizer optimizer = optimizer(config, 30, 20, new ScriptedModel());

		OptimizationState end = runToEnd(optimizer, optimizer.initialState());

		assertThat(optimizer.plan().zeroShot()).isTrue();
		assertThat(optimizer.plan().numTrials()).isEqualTo(9);
		assertThat(end.trials()).allMatch(t -> t.params().keySet().equals(java.util.Set.of("0_predictor_instruction")));
		assertThat(optimizer.bestProgram(end).predictor(0).demos()).isEmpty();
	}

	@Test
	void laterProposalRoundsCoolTheTemperatureAndGrowThePool() {
		MiproConfig config = MiproConfig.builder().strategy(Strategy.REFERENCE).proposalRounds(3).initTemperature(1.2).build();
		MiproOptimizer optimizer = optimizer(config, 30, 20, new ScriptedModel());

		OptimizationState end = runToEnd(optimizer, optimizer.initialState());

		List<InstructionCandidate> candidates = end.candidates().get(0);
		assertThat(candidates.stream().mapToInt(InstructionCandidate::round).max().orElseThrow()).isPositive();
		for (InstructionCandidate candidate : candidates) {
			if (!candidate.isOriginal()) {
				assertThat(candidate.temperature()).isCloseTo(1.2 * Math.exp(-0.1 * candidate.round()),
						org.assertj.core.data.Offset.offset(1e-12));
			}
		}
		assertThat(end.trials().stream().filter(t -> !t.kind().equals(TrialKind.BASELINE))).hasSize(30);
		assertThat(end.trials().stream().mapToInt(Trial::round).max().orElseThrow()).isEqualTo(2);
	}

	@Test
	void refusesDataThatLacksTheSignaturesFields() {
		List<Example> train = List.of(Example.of("question", "q"));
		List<Example> dev = List.of(Example.of("query", "q", "answer", "a"));

		assertThatThrownBy(() -> new MiproOptimizer(MiproConfig.builder().build(), STUDENT, Metrics.EXACT_MATCH, train,
				dev, List.of(), new ScriptedModel(), executor, CLOCK))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("train set lacks field `answer`");
	}

	@Test
	void testSetScoresBaselineAndBest() {
		MiproOptimizer optimizer = new MiproOptimizer(MiproConfig.builder().build(), STUDENT, Metrics.EXACT_MATCH,
				ScriptedModel.examples(30, 0), ScriptedModel.examples(20, 1000), ScriptedModel.examples(25, 2000),
				new ScriptedModel(), executor, CLOCK);

		OptimizationState end = runToEnd(optimizer, optimizer.initialState());

		assertThat(end.baselineTestScore()).isNotNull();
		assertThat(end.bestTestScore()).isGreaterThan(end.baselineTestScore());
	}

	@Test
	void aCallBudgetStopsTheSearchAndKeepsTheBestSoFar() {
		MiproConfig config = MiproConfig.builder().maxLmCalls(150L).build();
		List<OptimizationEvent> events = new ArrayList<>();
		List<OptimizationState> saved = new ArrayList<>();
		MiproOptimizer optimizer = optimizer(config, 30, 20, new ScriptedModel());

		OptimizationState end = optimizer.run(optimizer.initialState(), (state, stepEvents) -> saved.add(state),
				events::add, io.mipro.optimizer.spi.CancellationSignal.NEVER);

		assertThat(end.isDone()).isTrue();
		assertThat(end.stopReason()).startsWith("budget: maxLmCalls=150 reached after");
		// the budget is checked before each step: the run stopped at the first step boundary at or over it
		int stop = saved.indexOf(saved.stream().filter(s -> s.stopReason() != null).findFirst().orElseThrow());
		long atStop = saved.get(stop - 1).usage().sentCalls();
		long beforeLastStep = saved.get(stop - 2).usage().sentCalls();
		assertThat(atStop).isGreaterThanOrEqualTo(150);
		assertThat(beforeLastStep).isLessThan(150);
		// so it overshoots by at most the last step's calls: one trial on 20 examples, one call each
		assertThat(atStop - beforeLastStep).isLessThanOrEqualTo(20);
		assertThat(end.usage().sentCalls()).isEqualTo(atStop);
		assertThat(end.trials()).isEqualTo(saved.get(stop - 1).trials());
		assertThat(end.trials().size()).isLessThan(optimizer.plan().totalTrials());
		assertThat(optimizer.bestProgram(end)).isEqualTo(optimizer.programFor(end, end.best().params()));
		assertThat(events).last().isInstanceOfSatisfying(OptimizationEvent.Finished.class,
				finished -> assertThat(finished.stopReason()).isEqualTo(end.stopReason()));
	}

	@Test
	void aBudgetTooSmallForTheBaselineFailsWithAnEstimate() {
		MiproOptimizer optimizer = optimizer(MiproConfig.builder().maxLmCalls(5L).build(), 30, 20, new ScriptedModel());

		assertThatThrownBy(() -> runToEnd(optimizer, optimizer.initialState())).isInstanceOf(OptimizerException.class)
			.hasMessageContaining("before the baseline was scored")
			.hasMessageContaining("raise maxLmCalls");
	}

	/** A model whose instruction proposals are unreadable in the chat format; JSON works only when it may. */
	static final class GarbledProposals implements io.mipro.optimizer.spi.LanguageModel {

		final ScriptedModel scripted = new ScriptedModel();

		final boolean jsonWorks;

		final List<io.mipro.optimizer.spi.ChatRequest> proposals = java.util.Collections.synchronizedList(new ArrayList<>());

		GarbledProposals(boolean jsonWorks) {
			this.jsonWorks = jsonWorks;
		}

		@Override
		public io.mipro.optimizer.spi.Completion complete(io.mipro.optimizer.spi.ChatRequest request) {
			if (!request.messages().get(0).content().contains("`proposed_instruction`")) {
				return scripted.complete(request);
			}
			proposals.add(request);
			boolean json = request.responseFormat() == io.mipro.optimizer.spi.ResponseFormat.JSON_OBJECT;
			return io.mipro.optimizer.spi.Completion.of(json && jsonWorks
					? "{\"proposed_instruction\": \"Give the exact reversed word (" + request.rolloutId() + ").\"}"
					: "I would suggest something about reversing words.");
		}

	}

	@Test
	void anUnreadableProposalIsRetriedOnceInJsonModeThenDroppedWithAnEvent() {
		GarbledProposals recovers = new GarbledProposals(true);
		MiproOptimizer first = new MiproOptimizer(MiproConfig.builder().strategy(Strategy.REFERENCE).build(), STUDENT, Metrics.EXACT_MATCH,
				ScriptedModel.examples(30, 0), ScriptedModel.examples(20, 1000), List.of(), recovers, executor, CLOCK);
		List<OptimizationEvent> events = new ArrayList<>();
		OptimizationState recovered = first.run(first.initialState(), CheckpointStore.NONE, events::add,
				io.mipro.optimizer.spi.CancellationSignal.NEVER);

		// light: 2 proposals (asked at once), each a chat call that does not parse and one retry in JSON mode
		assertThat(recovers.proposals).hasSize(4);
		assertThat(recovers.proposals).extracting(io.mipro.optimizer.spi.ChatRequest::responseFormat)
			.containsExactlyInAnyOrder(io.mipro.optimizer.spi.ResponseFormat.TEXT,
					io.mipro.optimizer.spi.ResponseFormat.JSON_OBJECT, io.mipro.optimizer.spi.ResponseFormat.TEXT,
					io.mipro.optimizer.spi.ResponseFormat.JSON_OBJECT);
		assertThat(recovered.candidates().get(0)).hasSize(3);
		assertThat(events).noneMatch(e -> e instanceof OptimizationEvent.ProposalDropped);

		GarbledProposals never = new GarbledProposals(false);
		MiproOptimizer second = new MiproOptimizer(MiproConfig.builder().strategy(Strategy.REFERENCE).build(), STUDENT, Metrics.EXACT_MATCH,
				ScriptedModel.examples(30, 0), ScriptedModel.examples(20, 1000), List.of(), never, executor, CLOCK);
		List<OptimizationEvent> dropped = new ArrayList<>();
		OptimizationState end = second.run(second.initialState(), CheckpointStore.NONE, dropped::add,
				io.mipro.optimizer.spi.CancellationSignal.NEVER);

		assertThat(never.proposals).hasSize(4);
		assertThat(end.candidates().get(0)).hasSize(1);
		assertThat(dropped).filteredOn(e -> e instanceof OptimizationEvent.ProposalDropped)
			.hasSize(2)
			.allSatisfy(e -> assertThat(((OptimizationEvent.ProposalDropped) e).reason()).contains("after a retry"));
		assertThat(end.isDone()).isTrue();
	}

	@Test
	void theAdaptiveStrategyScreensManyProposalsAndSearchesTheBestWithinTheReferencesBudget() {
		List<OptimizationEvent> events = new ArrayList<>();
		MiproOptimizer adaptive = optimizer(MiproConfig.builder().build(), 40, 100, new ScriptedModel());
		MiproOptimizer reference = optimizer(MiproConfig.builder().strategy(Strategy.REFERENCE).build(), 40, 100,
				new ScriptedModel());

		OptimizationState end = adaptive.run(adaptive.initialState(), CheckpointStore.NONE, events::add,
				io.mipro.optimizer.spi.CancellationSignal.NEVER);
		OptimizationState ref = runToEnd(reference, reference.initialState());

		SearchPlan plan = adaptive.plan();
		assertThat(plan.proposalsPerPredictor()).isEqualTo(8);
		assertThat(plan.screeningBatch()).isEqualTo(12);
		assertThat(plan.numTrials()).isEqualTo(5);
		// after the baseline, every instruction (the original and each distinct proposal) is screened once without
		// demos, then every demo set with the best of them, all on the same 12 examples
		int distinct = end.candidates().get(0).size();
		List<Trial> screening = end.trials().stream().filter(t -> t.kind() == TrialKind.SCREEN).toList();
		assertThat(screening).hasSize(distinct + 5)
			.allMatch(t -> t.batch().equals(screening.get(0).batch()) && t.batchSize() == 12);
		assertThat(end.trials().subList(1, 1 + distinct + 5)).allMatch(t -> t.kind() == TrialKind.SCREEN);
		List<Trial> instructions = screening.subList(0, distinct);
		assertThat(instructions).allMatch(t -> t.params().get("0_predictor_demos") == 0);
		int best = instructions.stream()
			.max(java.util.Comparator.comparingDouble(Trial::score)
				.thenComparing(t -> -t.params().get("0_predictor_instruction")))
			.orElseThrow()
			.params()
			.get("0_predictor_instruction");
		assertThat(screening.subList(distinct, distinct + 5)).extracting(t -> t.params().get("0_predictor_demos"))
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(screening.subList(distinct, distinct + 5))
			.allMatch(t -> t.params().get("0_predictor_instruction") == best);
		// the search chooses among the original and the two best screened instructions
		OptimizationEvent.Screened screened = events.stream()
			.filter(e -> e instanceof OptimizationEvent.Screened)
			.map(OptimizationEvent.Screened.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(screened.kept()).hasSize(3).startsWith(0).contains(best);
		assertThat(screened.note()).startsWith("screened " + (distinct - 1) + " new instructions on 12 examples without "
				+ "demos, kept 3 for the search");
		double worstKept = screened.kept().stream().skip(1).mapToDouble(i -> screeningScore(instructions, i)).min()
			.orElseThrow();
		assertThat(instructions).filteredOn(t -> !screened.kept().contains(t.params().get("0_predictor_instruction")))
			.allMatch(t -> t.score() <= worstKept);
		assertThat(end.trials()).filteredOn(t -> t.kind() == TrialKind.MINIBATCH)
			.hasSizeGreaterThanOrEqualTo(5)
			.allMatch(t -> screened.kept().contains(t.params().get("0_predictor_instruction")));
		// at most the reference's task-model calls, a few more prompt-model calls
		assertThat(end.usage().taskModelCalls() + end.usage().cachedCalls())
			.isLessThanOrEqualTo(ref.usage().taskModelCalls() + ref.usage().cachedCalls());
		assertThat(end.usage().sentCalls()).isLessThanOrEqualTo((long) (1.05 * ref.usage().sentCalls()));
	}

	private static double screeningScore(List<Trial> screening, int instruction) {
		return screening.stream()
			.filter(t -> t.params().get("0_predictor_instruction") == instruction)
			.findFirst()
			.orElseThrow()
			.score();
	}

}
