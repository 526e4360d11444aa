package io.mipro.job.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.CheckpointStore;
import io.mipro.optimizer.MiproOptimizer;
import io.mipro.optimizer.OptimizationEvent;
import io.mipro.optimizer.OptimizationState;
import io.mipro.optimizer.bootstrap.DemoSet;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.propose.InstructionCandidate;
import io.mipro.optimizer.search.Trial;
import io.mipro.optimizer.search.TrialKind;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persists each step of a running job in one short transaction: the rows the step added (demo sets, candidates,
 * trials), its events, and the job row's progress, usage, checkpoint and renewed lease. Only the execution that
 * holds the job's lease may write: a lost lease (seen by the heartbeat, or found here) stops the run without
 * writing, and the whole transaction rolls back.
 */
final class JobCheckpointStore implements CheckpointStore {

	private static final int CONFLICT_RETRIES = 3;

	private final RunningJob execution;

	private final UUID jobId;

	private final JobRepository jobs;

	private final JobRecords records;

	private final JobLeases leases;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final UsageCounter usage;

	private final Program program;

	private final List<String> predictors;

	private int savedDemoSets;

	private final Set<String> savedCandidates = new HashSet<>();

	private int savedTrials;

	JobCheckpointStore(RunningJob execution, JobRepository jobs, JobRecords records, JobLeases leases,
			TransactionTemplate transactions, JsonMapper json, UsageCounter usage, Program program,
			OptimizationState restored) {
		this.execution = execution;
		this.jobId = execution.jobId();
		this.jobs = jobs;
		this.records = records;
		this.leases = leases;
		this.transactions = transactions;
		this.json = json;
		this.usage = usage;
		this.program = program;
		this.predictors = program.predictors().stream().map(Predictor::name).toList();
		this.savedDemoSets = restored.demoSets().size();
		restored.candidates().forEach(list -> list.forEach(c -> savedCandidates.add(key(c))));
		this.savedTrials = restored.trials().size();
	}

	private static String key(InstructionCandidate c) {
		return c.predictor() + ":" + c.index();
	}

	@Override
	public void save(OptimizationState state, List<OptimizationEvent> events) {
		for (int attempt = 1;; attempt++) {
			execution.checkLease();
			try {
				transactions.executeWithoutResult(status -> write(state, events));
				break;
			}
			catch (ObjectOptimisticLockingFailureException conflict) {
				// a cancel request changed the row in between; write again on the fresh row
				if (attempt >= CONFLICT_RETRIES) {
					throw conflict;
				}
			}
		}
		savedDemoSets = state.demoSets().size();
		state.candidates().forEach(list -> list.forEach(c -> savedCandidates.add(key(c))));
		savedTrials = state.trials().size();
	}

	private void write(OptimizationState state, List<OptimizationEvent> events) {
		JobEntity job = jobs.lockById(jobId).orElseThrow(() -> new LeaseLostException(jobId));
		if (!execution.owns(job)) {
			execution.markLost();
			throw new LeaseLostException(jobId);
		}
		for (DemoSet set : state.demoSets().subList(savedDemoSets, state.demoSets().size())) {
			records.insertDemoSet(jobId, set);
		}
		for (List<InstructionCandidate> list : state.candidates()) {
			for (InstructionCandidate candidate : list) {
				if (!savedCandidates.contains(key(candidate))) {
					records.insertCandidate(jobId, candidate);
				}
			}
		}
		for (Trial trial : state.trials().subList(savedTrials, state.trials().size())) {
			records.insertTrial(jobId, trial);
		}
		for (OptimizationEvent event : events) {
			EventData.Stored stored = EventData.of(event, predictors);
			records.insertEvent(jobId, stored.type(), stored.data());
		}
		Double baseline = state.trials().isEmpty() ? null : state.trials().get(0).score();
		Trial best = state.trials().isEmpty() ? null : MiproOptimizer.best(state);
		int fullEvaluations = (int) state.trials().stream().filter(t -> t.kind() == TrialKind.FULL_EVAL).count();
		job.progress(state.phase().name(), state.trials().size(), fullEvaluations, baseline,
				best == null ? null : best.score(), best == null ? null : best.number(), state.baselineTestScore(),
				state.bestTestScore(), usage.usage(), usage.retries(), json.writeValueAsString(Checkpoint.of(state)),
				state.stopReason());
		if (!state.candidates().isEmpty()) {
			job.describePredictors(json.writeValueAsString(PredictorSummary.of(program, state)));
		}
		List<String> notes = events.stream()
			.filter(e -> e instanceof OptimizationEvent.Screened)
			.map(e -> predictors.get(((OptimizationEvent.Screened) e).predictor()) + ": "
					+ ((OptimizationEvent.Screened) e).note())
			.toList();
		if (!notes.isEmpty()) {
			List<String> all = new java.util.ArrayList<>(job.getDecisions() == null ? List.of()
					: List.of(json.readValue(job.getDecisions(), String[].class)));
			all.addAll(notes);
			job.recordDecisions(json.writeValueAsString(all));
		}
		if (state.isDone()) {
			job.settleTotalTrials();
		}
		jobs.saveAndFlush(job);
		// the step and the lease renewal commit together, under the row lock the flush took
		if (!leases.renew(execution)) {
			execution.markLost();
			throw new LeaseLostException(jobId);
		}
	}

}
