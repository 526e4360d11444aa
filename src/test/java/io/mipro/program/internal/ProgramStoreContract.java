package io.mipro.program.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mipro.artifact.DspyArtifact;
import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.evaluation.EvaluationRequest;
import io.mipro.evaluation.EvaluationView;
import io.mipro.evaluation.Evaluations;
import io.mipro.evaluation.internal.EvaluationResultStore;
import io.mipro.job.JobRequest;
import io.mipro.job.MetricSpec;
import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.Jobs;
import io.mipro.job.internal.ProgramPlanner;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Program;
import io.mipro.program.ProgramImport;
import io.mipro.program.ProgramView;
import io.mipro.program.Programs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;

/**
 * What every database behind the program registry and evaluation runs must do: store and read programs, refuse to
 * delete one a queued job or run uses, keep runs out of the jobs list, and store results in order. Run on H2 and on
 * PostgreSQL by the subclasses, with the runner off (so what is queued stays queued).
 */
abstract class ProgramStoreContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final JobRequest.ProgramSpec SPEC = new JobRequest.ProgramSpec("context, question -> answer",
			"Answer with a short span.", "predict", null);

	@Autowired
	Programs programs;

	@Autowired
	Evaluations evaluations;

	@Autowired
	EvaluationResultStore results;

	@Autowired
	Jobs jobs;

	@Autowired
	Datasets datasets;

	DatasetView train;

	DatasetView dev;

	@BeforeEach
	void datasets() throws Exception {
		train = datasets.importFile("train", "train.json", null, null, Files.readAllBytes(Path.of("data/train.json")));
		dev = datasets.importFile("dev", "dev.json", null, null, Files.readAllBytes(Path.of("data/dev.json")));
	}

	/** A program with one demo, imported. */
	ProgramView imported(String name) {
		Program program = ProgramPlanner.program(SPEC);
		program = program.with(0, program.predictor(0)
			.withDemos(List.of(new Demo(Map.of("context", "Rome is in Italy.", "question", "Where is Rome?",
					"answer", "Italy"), true))));
		Map<String, Object> artifact = JSON.readValue(DspyArtifact.toJson(DspyArtifact.of(program, Map.of()), JSON),
				new TypeReference<LinkedHashMap<String, Object>>() {
				});
		return programs.importProgram(new ProgramImport(name, SPEC, artifact, new JobRequest.ModelSpec("m", 0.0, 64)));
	}

	static int status(Runnable call) {
		try {
			call.run();
			return 200;
		}
		catch (ErrorResponseException ex) {
			return ex.getStatusCode().value();
		}
	}

	@Test
	void aProgramIsStoredAndReadBackWhole() {
		ProgramView view = imported("stored");
		Programs.Stored stored = programs.stored(view.id());
		assertThat(stored.row().source()).isEqualTo("import");
		assertThat(stored.row().jobId()).isNull();
		assertThat(stored.spec()).isEqualTo(new JobRequest.ProgramSpec("context, question -> answer",
				"Answer with a short span.", "predict", null, null, null));
		assertThat(stored.taskModel()).isEqualTo(new JobRequest.ModelSpec("m", 0.0, 64));
		assertThat(stored.program().predictor(0).demos()).hasSize(1);
		assertThat(stored.program().predictor(0).demos().get(0).get("answer")).isEqualTo("Italy");
		assertThat(stored.program().predictor(0).signature().instructions()).isEqualTo("Answer with a short span.");
		assertThat(programs.list(0, 500).content()).extracting(ProgramView::id).contains(view.id());
	}

	@Test
	void aProgramInUseByAQueuedRunOrJobCannotBeDeleted() {
		ProgramView program = imported("in use");
		EvaluationView run = evaluations.create(new EvaluationRequest(program.id(), dev.id(), null, null, null));
		assertThat(run.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(run.taskModel()).isEqualTo("m");
		assertThat(status(() -> programs.delete(program.id()))).isEqualTo(409);

		evaluations.cancel(run.id());
		assertThat(evaluations.get(run.id()).status()).isEqualTo(JobStatus.CANCELLED);
		JobView stage2 = jobs.create(new JobRequest("stage-2", train.id(), dev.id(), null,
				new JobRequest.ProgramSpec(null, null, null, null, null, program.id()), MetricSpec.named("exact_match"), null, null,
				new JobRequest.ModelSpec("other", null, null), new JobRequest.ModelSpec("teacher", null, null)));
		assertThat(stage2.fromProgramId()).isEqualTo(program.id());
		assertThat(stage2.originJobId()).isNull();
		assertThat(stage2.teacherModel().model()).isEqualTo("teacher");
		assertThat(stage2.predictors().get(0).bestInstruction()).isEqualTo("Answer with a short span.");
		assertThat(status(() -> programs.delete(program.id()))).isEqualTo(409);

		jobs.cancel(stage2.id());
		programs.delete(program.id());
		assertThat(status(() -> programs.get(program.id()))).isEqualTo(404);
	}

	@Test
	void aJobFromAnUnknownProgramOrWithItsOwnShapeTooIsRefused() {
		UUID unknown = UUID.randomUUID();
		assertThatThrownBy(() -> jobs.create(new JobRequest("x", train.id(), dev.id(), null,
				new JobRequest.ProgramSpec(null, null, null, null, null, unknown), (MetricSpec) null, null, null, null)))
			.isInstanceOfSatisfying(ErrorResponseException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getProperties()).containsEntry("field", "program.fromProgramId");
				assertThat(ex.getBody().getDetail()).contains(unknown.toString());
			});
		ProgramView program = imported("shape");
		assertThatThrownBy(() -> jobs.create(new JobRequest("x", train.id(), dev.id(), null,
				new JobRequest.ProgramSpec("question -> answer", null, null, null, null, program.id()), (MetricSpec) null, null,
				null, null)))
			.isInstanceOfSatisfying(ErrorResponseException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getDetail()).contains("give it alone");
			});
	}

	@Test
	void runsAreNotListedAsJobs() {
		ProgramView program = imported("listed");
		EvaluationView run = evaluations.create(new EvaluationRequest(program.id(), dev.id(), MetricSpec.named("f1"), null, "listed run"));
		assertThat(evaluations.list(0, 500).content()).extracting(EvaluationView::id).contains(run.id());
		assertThat(jobs.list(null, 0, 500).getContent()).extracting(JobView::id).doesNotContain(run.id());
		assertThat(jobs.list(JobStatus.QUEUED, 0, 500).getContent()).extracting(JobView::id).doesNotContain(run.id());
		assertThat(status(() -> jobs.get(run.id()))).isEqualTo(404);
		evaluations.cancel(run.id());
	}

	@Test
	void resultsAreStoredAndReadInDatasetOrder() {
		ProgramView program = imported("results");
		UUID run = evaluations.create(new EvaluationRequest(program.id(), dev.id(), null, null, null)).id();
		evaluations.cancel(run);
		results.insertAll(run, List.of(
				new EvaluationResultStore.Row(2, "{\"q\":\"c\"}", "{}", 0.0, true, "unparseable"),
				new EvaluationResultStore.Row(0, "{\"q\":\"a\"}", "{\"answer\":\"x\"}", 1.0, false, null)));
		results.insertAll(run, List.of(new EvaluationResultStore.Row(1, "{\"q\":\"b\"}", "{\"answer\":\"y\"}", 0.5,
				false, null)));
		assertThat(results.scored(run)).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(results.totals(run)).isEqualTo(new EvaluationResultStore.Totals(3, 1.5, 1));
		assertThat(results.parseFailures(run)).isEqualTo(1);
		assertThat(results.page(run, 0, 2)).extracting(EvaluationResultStore.Row::ordinal).containsExactly(0, 1);
		assertThat(results.page(run, 1, 2)).extracting(EvaluationResultStore.Row::failure)
			.containsExactly("unparseable");
		List<Integer> streamed = new java.util.ArrayList<>();
		results.forEach(run, row -> streamed.add(row.ordinal()));
		assertThat(streamed).containsExactly(0, 1, 2);
	}

}
