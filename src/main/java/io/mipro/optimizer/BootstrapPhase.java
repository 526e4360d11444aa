package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.bootstrap.DemoSetBuilder;
import io.mipro.optimizer.propose.DatasetSummarizer;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.util.ParallelMap;

/**
 * Step 1 (spec 3): the candidate demo sets: set 0 empty, set 1 labeled, set 2 bootstrapped in order, sets 3+
 * bootstrapped over shuffles with a random size (the bootstrapped ones built at once; the reference builds them one
 * after another, with the same result). Zero-shot runs still build sets (B = 3, L = 0), only to show
 * the proposer bootstrapped demos. Then every predictor's instruction pool starts with its original instruction.
 */
final class BootstrapPhase {

	/** Bootstrapped demos per set in zero-shot runs, where the sets only feed the proposer (reference constant). */
	static final int ZERO_SHOT_BOOTSTRAPPED = 3;

	private final RunContext run;

	private final DemoSetBuilder builder;

	private final DatasetSummarizer summarizer;

	BootstrapPhase(RunContext run, DemoSetBuilder builder, DatasetSummarizer summarizer) {
		this.run = run;
		this.builder = builder;
		this.summarizer = summarizer;
	}

	OptimizationState step(OptimizationState state, List<OptimizationEvent> events) {
		if (state.demoSets().size() < run.plan().demoSets()) {
			boolean zeroShot = run.plan().zeroShot();
			int maxBootstrapped = zeroShot ? ZERO_SHOT_BOOTSTRAPPED : run.config().maxBootstrappedDemos();
			int maxLabeled = zeroShot ? 0 : run.config().maxLabeledDemos();
			int j = state.demoSets().size();
			// sets 0 and 1 (empty, labeled) call no model: one step each; the bootstrapped sets are independent of
			// each other (each draws from its own generator), so the rest are built at once, with the dataset summary
			// (it reads only the train set) beside them
			boolean instant = j == 0 || (j == 1 && maxLabeled > 0);
			int count = instant ? 1 : run.plan().demoSets() - j;
			CompletableFuture<Optional<String>> summary = !instant && run.config().dataAwareProposer()
					&& !state.summarized()
							? CompletableFuture.supplyAsync(
									() -> summarizer.summarize(run.trainset(), run.student().exampleInputs()),
									ParallelMap.COORDINATION)
							: null;
			List<DemoSet> sets;
			try {
				sets = ParallelMap.map(count, count, ParallelMap.COORDINATION,
						k -> builder.build(j + k, run.student(), run.trainset(), maxBootstrapped, maxLabeled));
			}
			finally {
				if (summary != null) {
					summary.exceptionally(ex -> Optional.empty()).join();
				}
			}
			OptimizationState next = state;
			for (DemoSet set : sets) {
				events.add(new OptimizationEvent.DemoSetBuilt(set));
				next = next.plusDemoSet(set);
			}
			if (summary != null) {
				String text = join(summary).orElse(null);
				events.add(new OptimizationEvent.DatasetSummarized(text));
				next = next.withSummarized(true).withDatasetSummary(text);
			}
			return next;
		}
		List<List<InstructionCandidate>> originals = new ArrayList<>();
		for (int p = 0; p < run.student().size(); p++) {
			originals.add(List.of(InstructionCandidate.original(p, run.student().predictor(p).signature().instructions())));
		}
		return RunContext.changePhase(state.withCandidates(originals), Phase.PROPOSING, events);
	}

	/** The summary's result, or its failure rethrown as it was (a model fault stops the step). */
	private static Optional<String> join(CompletableFuture<Optional<String>> summary) {
		try {
			return summary.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
