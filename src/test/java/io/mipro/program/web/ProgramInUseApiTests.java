package io.mipro.program.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import io.mipro.support.Http;
import io.mipro.support.JobClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A program that a queued evaluation run or stage-2 job uses cannot be deleted, over HTTP. The runner is off here, so
 * what is queued stays queued until cancelled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mipro.jobs.runner-enabled=false")
class ProgramInUseApiTests {

	static final String ARTIFACT = """
			{"traces": [], "train": [], "demos": [],
			 "signature": {"instructions": "Answer with a short span.",
			               "fields": [{"prefix": "Context:", "description": "${context}"},
			                          {"prefix": "Question:", "description": "${question}"},
			                          {"prefix": "Answer:", "description": "${answer}"}]},
			 "lm": null, "metadata": {"dependency_versions": {}}}""";

	@LocalServerPort
	int port;

	@Test
	void aProgramInUseIsRefusedDeletionUntilItsRunAndJobEnd() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		Http.Response imported = http.postJson("/api/programs", "{\"program\": {\"signature\": \"context, question -> "
				+ "answer\"}, \"artifact\": " + ARTIFACT + "}");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		String program = imported.json().get("id").asString();
		assertThat(imported.json().get("name").asString()).isEqualTo("imported program");
		assertThat(imported.json().get("taskModel").get("model").asString()).isEqualTo("gpt-4o-mini");

		Http.Response run = http.postJson("/api/evaluations", "{\"programId\": \"" + program + "\", \"datasetId\": \""
				+ dev + "\"}");
		assertThat(run.status()).isEqualTo(202);
		assertThat(run.json().get("status").asString()).isEqualTo("QUEUED");
		String runId = run.json().get("id").asString();
		assertThat(http.get("/api/evaluations/" + runId + "/results").json().get("content").size()).isZero();

		Http.Response refused = http.delete("/api/programs/" + program);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("detail").asString()).contains("in use by 1 queued or running");

		String stage2 = client.submit("""
				{"trainDatasetId": "%s", "devDatasetId": "%s", "program": {"fromProgramId": "%s"},
				 "taskModel": {"model": "other"}}""".formatted(train, dev, program));
		assertThat(client.job(stage2).get("fromProgramId").asString()).isEqualTo(program);

		Http.Response cancelled = http.post("/api/evaluations/" + runId + "/cancel", "application/json", new byte[0]);
		assertThat(cancelled.status()).isEqualTo(202);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(http.delete("/api/programs/" + program).status()).isEqualTo(409);

		http.post("/api/jobs/" + stage2 + "/cancel", "application/json", new byte[0]);
		assertThat(http.delete("/api/programs/" + program).status()).isEqualTo(204);
		// a job can no longer start from it
		Http.Response gone = http.postJson("/api/jobs", """
				{"trainDatasetId": "%s", "devDatasetId": "%s", "program": {"fromProgramId": "%s"}}"""
			.formatted(train, dev, program));
		assertThat(gone.status()).isEqualTo(400);
		assertThat(gone.json().get("field").asString()).isEqualTo("program.fromProgramId");
	}

	@Test
	void aJobFromAProgramGivesNoShapeOfItsOwn() {
		Http http = new Http(port);
		JobClient client = new JobClient(http);
		String train = client.upload(Path.of("data/train.json"));
		String dev = client.upload(Path.of("data/dev.json"));
		Http.Response both = http.postJson("/api/jobs", """
				{"trainDatasetId": "%s", "devDatasetId": "%s",
				 "program": {"fromProgramId": "%s", "signature": "question -> answer"}}"""
			.formatted(train, dev, UUID.randomUUID()));
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.json().get("field").asString()).isEqualTo("program.fromProgramId");
		assertThat(both.json().get("detail").asString()).contains("give it alone");
		Http.Response badTeacher = http.postJson("/api/jobs", """
				{"trainDatasetId": "%s", "devDatasetId": "%s", "program": {"signature": "context, question -> answer"},
				 "teacherModel": {"model": "t", "temperature": 7}}""".formatted(train, dev));
		assertThat(badTeacher.status()).isEqualTo(400);
		assertThat(badTeacher.json().get("detail").asString()).contains("teacherModel");
	}

}
