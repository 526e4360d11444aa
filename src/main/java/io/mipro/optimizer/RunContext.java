package io.mipro.optimizer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import io.mipro.optimizer.eval.Evaluation;
import io.mipro.optimizer.eval.Evaluator;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.ProgramRunner;
import io.mipro.optimizer.search.SearchSpace;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import io.mipro.optimizer.spi.MeteredLanguageModel;
import io.mipro.optimizer.spi.Usage;

/** What every phase of one run works with: the settings, the program, the data, the metered model and the clock. */
record RunContext(MiproConfig config, SearchPlan plan, Program student, List<Example> trainset, List<Example> devset,
		List<Example> testset, MeteredLanguageModel model, Evaluator evaluator, InstantSource clock) {

	Usage usageSince(Usage before) {
		return model.usage().minus(before);
	}

	/**
	 * The search space of a state: instruction candidates per predictor (those screening kept, in the adaptive
	 * strategy) and, unless zero-shot, the demo sets.
	 */
	SearchSpace searchSpace(OptimizationState state) {
		List<Integer> demoSets = plan.zeroShot() ? null
				: IntStream.range(0, student.size()).mapToObj(i -> state.demoSets().size()).toList();
		if (plan.screens() && !state.candidates().isEmpty()) {
			return SearchSpace.ofInstructions(screening().kept(state), demoSets);
		}
		List<Integer> instructions = state.candidates().stream().map(List::size).toList();
		return SearchSpace.of(instructions, demoSets);
	}

	Screening screening() {
		return new Screening(plan, config.seed());
	}

	/** The program a combination stands for. */
	Program programFor(OptimizationState state, Map<String, Integer> params) {
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

	/**
	 * Scores a combination on the given dev-set positions and records it as trial {@code number}. The trial meters
	 * its own calls, so trials running at the same time each report what they cost.
	 */
	Trial evaluate(OptimizationState state, int number, TrialKind kind, Map<String, Integer> params,
			List<Integer> devIndices, List<Integer> batch) {
		Instant start = clock.instant();
		MeteredLanguageModel trialMeter = new MeteredLanguageModel(model, model, model.prices());
		Evaluator metered = evaluator.withRunner(new ProgramRunner(trialMeter, config.taskModel(), trialMeter),
				trialMeter);
		List<Example> examples = devIndices.stream().map(devset::get).toList();
		Evaluation evaluation = metered.evaluate(programFor(state, params), examples,
				kind.name().toLowerCase(Locale.ROOT));
		long millis = Duration.between(start, clock.instant()).toMillis();
		return new Trial(number, kind, state.round(), params, evaluation.score(), batch, examples.size(),
				evaluation.parseFailures(), trialMeter.usage(), millis);
	}

	static OptimizationState changePhase(OptimizationState state, Phase to, List<OptimizationEvent> events) {
		events.add(new OptimizationEvent.PhaseChanged(state.phase(), to));
		return state.withPhase(to);
	}

}
