package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.bootstrap.DemoSetBuilder;
import io.mipro.optimizer.propose.InstructionCandidate;

/**
 * Step 1 (spec 3): the candidate demo sets, one per step: set 0 empty, set 1 labeled, set 2 bootstrapped in order,
 * sets 3+ bootstrapped over shuffles with a random size. Zero-shot runs still build sets (B = 3, L = 0), only to show
 * the proposer bootstrapped demos. Then every predictor's instruction pool starts with its original instruction.
 */
final class BootstrapPhase {

	/** Bootstrapped demos per set in zero-shot runs, where the sets only feed the proposer (reference constant). */
	static final int ZERO_SHOT_BOOTSTRAPPED = 3;

	private final RunContext run;

	private final DemoSetBuilder builder;

	BootstrapPhase(RunContext run, DemoSetBuilder builder) {
		this.run = run;
		this.builder = builder;
	}

	OptimizationState step(OptimizationState state, List<OptimizationEvent> events) {
		if (state.demoSets().size() < run.plan().demoSets()) {
			boolean zeroShot = run.plan().zeroShot();
			int maxBootstrapped = zeroShot ? ZERO_SHOT_BOOTSTRAPPED : run.config().maxBootstrappedDemos();
			int maxLabeled = zeroShot ? 0 : run.config().maxLabeledDemos();
			DemoSet set = builder.build(state.demoSets().size(), run.student(), run.trainset(), maxBootstrapped,
					maxLabeled);
			events.add(new OptimizationEvent.DemoSetBuilt(set));
			return state.plusDemoSet(set);
		}
		List<List<InstructionCandidate>> originals = new ArrayList<>();
		for (int p = 0; p < run.student().size(); p++) {
			originals.add(List.of(InstructionCandidate.original(p, run.student().predictor(p).signature().instructions())));
		}
		return RunContext.changePhase(state.withCandidates(originals), Phase.PROPOSING, events);
	}

}
