package check;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.mipro.client.ApiClient;
import io.mipro.client.ApiException;
import io.mipro.client.api.DatasetsApi;
import io.mipro.client.api.JobsApi;
import io.mipro.client.model.DatasetView;
import io.mipro.client.model.DspyProgram;
import io.mipro.client.model.JobRequest;
import io.mipro.client.model.JobView;
import io.mipro.client.model.ModelSpec;
import io.mipro.client.model.OptimizerSpec;
import io.mipro.client.model.ProgramSpec;

/**
 * Run by .ci/run against the packaged service with the Java client openapi-generator made from /v3/api-docs
 * (validation not skipped): uploads the sample sets as files, submits a job, waits for it, saves the artifact and
 * checks that the saved file is the job's program as JSON. Exits non-zero on any failure.
 */
public class ClientCheck {

	public static void main(String[] args) throws Exception {
		ApiClient client = new ApiClient();
		client.updateBaseUri(args[0]);
		DatasetsApi datasets = new DatasetsApi(client);
		JobsApi jobs = new JobsApi(client);

		DatasetView train = datasets.uploadDataset(new File(args[1]), "qa-train", null);
		DatasetView dev = datasets.uploadDataset(new File(args[2]), null, null);
		check(train.getSize() == 50 && dev.getSize() == 20, "uploaded 50 + 20 examples");
		try {
			datasets.uploadDataset(Files.writeString(Files.createTempFile("broken", ".json"),
					"[{\"q\": \"a\", \"a\": \"b\"}, {\"q\": \"c\"}]").toFile(), null, null);
			check(false, "a broken file is refused");
		}
		catch (ApiException refused) {
			check(refused.getCode() == 400 && refused.getResponseBody().contains("\"example\":2"), "a broken file is refused with its example");
		}

		JobView job = jobs.createJob(new JobRequest().name("generated-client")
			.trainDatasetId(train.getId())
			.devDatasetId(dev.getId())
			.program(new ProgramSpec().signature("context, question -> answer")
				.instructions("Answer the question based on the given context."))
			.metric("exact_match")
			.optimizer(new OptimizerSpec().auto("light").seed(9L))
			.promptModel(new ModelSpec().model("gpt-4o-mini"))
			.taskModel(new ModelSpec().model("gpt-4o-mini").temperature(0.0)));
		check(job.getStatus() == JobView.StatusEnum.QUEUED, "submitted, QUEUED");
		long deadline = System.currentTimeMillis() + 120_000;
		while (!Set.of(JobView.StatusEnum.SUCCEEDED, JobView.StatusEnum.FAILED, JobView.StatusEnum.CANCELLED)
			.contains(job.getStatus()) && System.currentTimeMillis() < deadline) {
			Thread.sleep(500);
			job = jobs.getJob(job.getId());
		}
		check(job.getStatus() == JobView.StatusEnum.SUCCEEDED, "the job SUCCEEDED (" + job.getStatus() + ")");

		DspyProgram artifact = jobs.downloadJobArtifact(job.getId());
		Path saved = Path.of(args[3]);
		Files.writeString(saved, client.getObjectMapper().writeValueAsString(artifact));
		JsonNode json = client.getObjectMapper().readTree(Files.readString(saved));
		check(json.path("mipro_service").path("job_id").asText().equals(job.getId().toString()),
				"the saved artifact is JSON and names the job");
		check(json.path("metadata").path("dependency_versions").isObject(), "the saved artifact has DSPy's metadata");

		try {
			jobs.getJob(UUID.fromString("00000000-0000-0000-0000-000000000000"));
			check(false, "an unknown job is a 404");
		}
		catch (ApiException notFound) {
			check(notFound.getCode() == 404 && notFound.getResponseBody().contains("urn:mipro:problem:job-not-found"),
					"an unknown job is a 404 problem");
		}
		System.out.println("generated client: all checks passed; artifact saved to " + saved);
	}

	private static void check(boolean condition, String what) {
		if (!condition) {
			System.err.println("generated client: FAILED: " + what);
			System.exit(1);
		}
		System.out.println("generated client: ok: " + what);
	}

}
