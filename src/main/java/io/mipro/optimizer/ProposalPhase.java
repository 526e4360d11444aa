package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mipro.optimizer.propose.DatasetSummarizer;
import io.mipro.optimizer.propose.GroundedProposer;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.propose.InstructionHistory;
import io.mipro.optimizer.propose.InstructionPool;
import io.mipro.optimizer.propose.ProgramContext;
import io.mipro.optimizer.propose.Tip;
import io.mipro.optimizer.util.ParallelMap;
import io.mipro.optimizer.util.SeededRandom;

/**
 * Step 2 (spec 4): grounded instruction proposals, one model call per step. First the dataset summary, then what the
 * proposer knows of each predictor's place in the program (computed once per predictor; the reference recomputes it
 * for every proposal), then one proposal per predictor and demo set, each with a random tip. Slot 0 is the original
 * instruction, so no proposal is made for it (the reference makes one and throws it away). A proposal that repeats an
 * instruction already in the pool, or that the model's answer could not give, is dropped with an event.
 * <p>
 * Round {@code r > 0} (our proposal rounds) proposes at {@code T0 * exp(-0.1 r)}, grounded in the instructions the
 * search found best so far.
 */
final class ProposalPhase {

	private final RunContext run;

	private final DatasetSummarizer summarizer;

	private final GroundedProposer proposer;

	ProposalPhase(RunContext run, DatasetSummarizer summarizer, GroundedProposer proposer) {
		this.run = run;
		this.summarizer = summarizer;
		this.proposer = proposer;
	}

	OptimizationState step(OptimizationState state, List<OptimizationEvent> events) {
		MiproConfig config = run.config();
		if (config.dataAwareProposer() && !state.summarized()) {
			String summary = summarizer.summarize(run.trainset(), run.student().exampleInputs()).orElse(null);
			events.add(new OptimizationEvent.DatasetSummarized(summary));
			return state.withSummarized(true).withDatasetSummary(summary);
		}
		if (state.contexts().size() < run.student().size()) {
			// each predictor's description is its own pair of calls: all at once
			int from = state.contexts().size();
			List<ProgramContext> described = ParallelMap.map(run.student().size() - from, run.student().size(),
					ParallelMap.COORDINATION,
					k -> proposer.describe(run.student(), from + k, state.demoSets(), config.initTemperature()));
			OptimizationState next = state;
			for (ProgramContext context : described) {
				next = next.plusContext(context);
			}
			return next;
		}
		int perPredictor = run.plan().proposalsPerPredictor();
		int attempted = state.proposalsAttempted();
		int total = perPredictor * run.student().size();
		if (attempted < total) {
			// proposals are independent (each draws from its own generator): ask for all of them at once, then add
			// them in slot order, so duplicates are dropped exactly as one at a time would drop them
			List<Optional<String>> texts = ParallelMap.map(total - attempted, total, ParallelMap.COORDINATION,
					k -> proposer.propose(run.student(), proposal(state, attempted + k, perPredictor),
							state.contexts().get((attempted + k) / perPredictor), state.datasetSummary(),
							state.demoSets()));
			OptimizationState next = state;
			for (int k = 0; k < texts.size(); k++) {
				next = add(next, proposal(state, attempted + k, perPredictor), texts.get(k), events);
			}
			return next;
		}
		return RunContext.changePhase(state, Phase.SEARCHING, events);
	}

	/**
	 * Proposal slot {@code attempt} of the round: predictor {@code attempt / perPredictor}, demo-set slot 1.. (slot 0
	 * holds the original instruction), a tip and a rollout id from its own generator.
	 */
	private GroundedProposer.Proposal proposal(OptimizationState state, int attempt, int perPredictor) {
		int predictor = attempt / perPredictor;
		int slot = 1 + attempt % perPredictor;
		int round = state.round();
		SeededRandom random = SeededRandom.of(run.config().seed(), "proposal", round, predictor, slot);
		Tip tip = run.config().tipAwareProposer() ? random.choice(Tip.ALL) : Tip.NONE;
		long rolloutId = random.nextLong(1_000_000_001L);
		double temperature = run.config().initTemperature() * Math.exp(-0.1 * round);
		String history = round > 0 ? InstructionHistory.render(state.candidates().get(predictor), state.trials(),
				predictor) : null;
		return new GroundedProposer.Proposal(predictor, slot % run.plan().demoSets(), tip, temperature, rolloutId,
				history);
	}

	/** Adds a proposal's instruction to its predictor's pool, or reports why it was dropped. */
	private static OptimizationState add(OptimizationState state, GroundedProposer.Proposal proposal,
			Optional<String> text, List<OptimizationEvent> events) {
		int predictor = proposal.predictor();
		OptimizationState attempted = state.withProposalsAttempted(state.proposalsAttempted() + 1);
		if (text.isEmpty()) {
			events.add(new OptimizationEvent.ProposalDropped(predictor, state.round(),
					"the prompt model's answer could not be read, even after a retry in JSON"));
			return attempted;
		}
		List<InstructionCandidate> pool = state.candidates().get(predictor);
		if (InstructionPool.contains(pool, text.get())) {
			events.add(new OptimizationEvent.ProposalDropped(predictor, state.round(),
					"duplicate of an existing instruction"));
			return attempted;
		}
		InstructionCandidate candidate = new InstructionCandidate(predictor, pool.size(), text.get(), state.round(),
				proposal.tip().key(), proposal.temperature(), proposal.rolloutId(), proposal.demoSet());
		List<List<InstructionCandidate>> candidates = new ArrayList<>(state.candidates());
		candidates.set(predictor, InstructionPool.plus(pool, candidate));
		events.add(new OptimizationEvent.CandidateProposed(candidate));
		return attempted.withCandidates(candidates);
	}

}
