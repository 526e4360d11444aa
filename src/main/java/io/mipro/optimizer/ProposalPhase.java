package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mipro.optimizer.propose.DatasetSummarizer;
import io.mipro.optimizer.propose.GroundedProposer;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.propose.InstructionHistory;
import io.mipro.optimizer.propose.InstructionPool;
import io.mipro.optimizer.propose.Tip;
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
			return state.plusContext(proposer.describe(run.student(), state.contexts().size(), state.demoSets(),
					config.initTemperature()));
		}
		int perPredictor = run.plan().proposalsPerPredictor();
		int attempted = state.proposalsAttempted();
		if (attempted < perPredictor * run.student().size()) {
			// slot 0 holds the original instruction; proposals fill slots 1.. of each predictor
			return proposeOne(state, attempted / perPredictor, 1 + attempted % perPredictor, events);
		}
		return RunContext.changePhase(state, Phase.SEARCHING, events);
	}

	private OptimizationState proposeOne(OptimizationState state, int predictor, int slot,
			List<OptimizationEvent> events) {
		int round = state.round();
		SeededRandom random = SeededRandom.of(run.config().seed(), "proposal", round, predictor, slot);
		Tip tip = run.config().tipAwareProposer() ? random.choice(Tip.ALL) : Tip.NONE;
		long rolloutId = random.nextLong(1_000_000_001L);
		double temperature = run.config().initTemperature() * Math.exp(-0.1 * round);
		String history = round > 0 ? InstructionHistory.render(state.candidates().get(predictor), state.trials(),
				predictor) : null;
		GroundedProposer.Proposal proposal = new GroundedProposer.Proposal(predictor, slot % run.plan().demoSets(),
				tip, temperature, rolloutId, history);
		Optional<String> text = proposer.propose(run.student(), proposal, state.contexts().get(predictor),
				state.datasetSummary(), state.demoSets());
		OptimizationState attempted = state.withProposalsAttempted(state.proposalsAttempted() + 1);
		if (text.isEmpty()) {
			events.add(new OptimizationEvent.ProposalDropped(predictor, round,
					"the prompt model's answer could not be read, even after a retry in JSON"));
			return attempted;
		}
		List<InstructionCandidate> pool = state.candidates().get(predictor);
		if (InstructionPool.contains(pool, text.get())) {
			events.add(new OptimizationEvent.ProposalDropped(predictor, round, "duplicate of an existing instruction"));
			return attempted;
		}
		InstructionCandidate candidate = new InstructionCandidate(predictor, pool.size(), text.get(), round, tip.key(),
				temperature, rolloutId, proposal.demoSet());
		List<List<InstructionCandidate>> candidates = new ArrayList<>(state.candidates());
		candidates.set(predictor, InstructionPool.plus(pool, candidate));
		events.add(new OptimizationEvent.CandidateProposed(candidate));
		return attempted.withCandidates(candidates);
	}

}
