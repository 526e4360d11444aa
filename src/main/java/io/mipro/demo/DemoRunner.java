package io.mipro.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.job.CandidateView;
import io.mipro.job.DemoSetView;
import io.mipro.job.JobRequest;
import io.mipro.job.JobStatus;
import io.mipro.job.JobView;
import io.mipro.job.PredictorView;
import io.mipro.job.internal.JobPlanner;
import io.mipro.job.internal.PredictorSummary;
import io.mipro.job.Jobs;
import io.mipro.job.internal.JobRecords;
import io.mipro.llm.simulated.SimulatedLanguageModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The seed's experience in one command ({@code ./mvnw -q spring-boot:run -Dspring-boot.run.profiles=demo}): load the
 * train and dev sets, run a complete MIPROv2 job through the service's own engine, and print the story - baseline,
 * progress per round and trial, final score, improvement, where the best was found, the artifact, and the
 * instructions before and after. A command-line report, so it writes to standard output.
 */
@Component
@ConditionalOnProperty(name = "mipro.demo.enabled", havingValue = "true")
class DemoRunner implements CommandLineRunner, ExitCodeGenerator {

	private final Datasets datasets;

	private final Jobs jobs;

	private final JsonMapper json;

	private final ConfigurableApplicationContext context;

	private final Path train;

	private final Path dev;

	private final Path output;

	private final String metric;

	private final int rounds;

	private final double temperature;

	private final PrintStream out = System.out;

	private int exitCode;

	DemoRunner(Datasets datasets, Jobs jobs, JsonMapper json, ConfigurableApplicationContext context,
			@Value("${mipro.demo.train:data/train.json}") Path train, @Value("${mipro.demo.dev:data/dev.json}") Path dev,
			@Value("${mipro.demo.output:target/optimized_program.json}") Path output,
			@Value("${mipro.demo.metric:f1}") String metric, @Value("${mipro.demo.rounds:3}") int rounds,
			@Value("${mipro.demo.temperature:1.2}") double temperature) {
		this.datasets = datasets;
		this.jobs = jobs;
		this.json = json;
		this.context = context;
		this.train = train;
		this.dev = dev;
		this.output = output;
		this.metric = metric;
		this.rounds = rounds;
		this.temperature = temperature;
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

	@Override
	public void run(String... args) throws Exception {
		try {
			exitCode = demo() ? 0 : 1;
		}
		finally {
			int code = exitCode;
			new Thread(() -> System.exit(SpringApplication.exit(context, () -> code)), "demo-exit").start();
		}
	}

	private boolean demo() throws IOException, InterruptedException {
		out.println();
		out.println("=== MIPROv2 prompt optimization (mipro-service demo) ===");
		out.println();
		out.println("Loading datasets...");
		DatasetView trainSet = upload(train, "demo-train");
		DatasetView devSet = upload(dev, "demo-dev");
		out.printf("  Train set: %d examples (%s)%n", trainSet.size(), train);
		out.printf("  Dev set: %d examples (%s)%n", devSet.size(), dev);
		out.println();

		String instruction = "Answer the question based on the given context.";
		JobRequest request = new JobRequest("demo", trainSet.id(), devSet.id(), null,
				new JobRequest.ProgramSpec("context, question -> answer", instruction, "predict", null), metric,
				new JobRequest.OptimizerSpec("light", null, null, null, null, null, null, null, temperature, rounds, 9L,
						null, null, null, null, null),
				new JobRequest.ModelSpec("gpt-4o-mini", null, null), new JobRequest.ModelSpec("gpt-4o-mini", null, null));
		JobView job = jobs.create(request);
		out.println("Configuring language models...");
		if (job.simulated()) {
			out.println("  Provider: simulated (no OPENAI_API_KEY): a deterministic extractive reader, not a language");
			out.println("  model. The scores below show the optimizer at work, not the accuracy of a real model.");
		}
		else {
			out.println("  Provider: " + job.provider());
		}
		out.println("  Prompt model: gpt-4o-mini (proposes instructions)");
		out.println("  Task model: gpt-4o-mini (answers the questions)");
		out.println();
		out.println("Configuring MIPROv2...");
		out.printf("  auto=light, metric=%s, seed=9, %d proposal round(s), %d trials planned%n", metric, rounds,
				job.progress().totalTrials());
		out.printf(Locale.ROOT, "  Initial temperature: %.1f (round r proposes at %.1f * exp(-0.1 r))%n", temperature,
				temperature);
		out.println();
		out.println("Running MIPROv2...");
		JobView end = follow(job.id());
		if (end.status() != JobStatus.SUCCEEDED) {
			out.printf("%nThe job ended %s: %s%n", end.status(), end.error());
			return false;
		}
		report(end, instruction);
		return pipeline(trainSet, devSet);
	}

	/**
	 * The multi-prompt part: the same data through a two-stage pipeline (find the evidence, then answer from it),
	 * optimized jointly with the final metric only.
	 */
	private boolean pipeline(DatasetView trainSet, DatasetView devSet) throws IOException, InterruptedException {
		out.println("=== The same data through a two-stage pipeline (find the evidence, then answer) ===");
		out.println();
		JobRequest request = new JobRequest("demo-two-stage", trainSet.id(), devSet.id(), null,
				new JobRequest.ProgramSpec(null, null, null, null, List.of(
						new JobRequest.ModuleSpec("find", "context, question -> evidence",
								"Find the evidence in the context for the question.", "predict", null, null),
						new JobRequest.ModuleSpec("answer", "evidence, question -> answer",
								"Answer the question from the evidence.", "chain_of_thought", null, null))),
				"exact_match", new JobRequest.OptimizerSpec("light", null, null, null, null, null, null, null, null,
						null, 9L, null, null, null, null, null),
				new JobRequest.ModelSpec("gpt-4o-mini", null, null), new JobRequest.ModelSpec("gpt-4o-mini", null, null));
		JobView job = jobs.create(request);
		out.printf("  Modules: find (Predict: context, question -> evidence), answer (ChainOfThought: evidence, "
				+ "question -> answer)%n  auto=light, metric=exact_match: %d trials planned over both predictors%n",
				job.progress().totalTrials());
		JobView end;
		while (!(end = jobs.get(job.id())).status().isTerminal()) {
			Thread.sleep(100);
		}
		if (end.status() != JobStatus.SUCCEEDED) {
			out.printf("%nThe pipeline job ended %s: %s%n", end.status(), end.error());
			return false;
		}
		out.printf(Locale.ROOT, "  Baseline (exact_match on the dev set): %.2f -> optimized: %.2f%n", end.baselineScore(),
				end.bestScore());
		List<PredictorView> original = PredictorSummary.of(JobPlanner.program(request), null);
		for (PredictorView predictor : end.predictors()) {
			out.printf("  %s: \"%s\"%n    -> \"%s\" with demo set %d%n", predictor.name(),
					original.get(predictor.index()).bestInstruction(), predictor.bestInstruction(),
					predictor.bestDemoSet());
		}
		Path file = output.toAbsolutePath().resolveSibling("optimized_pipeline.json");
		Files.writeString(file, jobs.artifact(end.id()).getValue());
		out.println("  Saved to: " + file + " (entries `find` and `answer.predict`; see the README for the DSPy class)");
		out.println();
		return true;
	}

	private DatasetView upload(Path file, String name) throws IOException {
		return datasets.importFile(name, file.getFileName().toString(), null, null, Files.readAllBytes(file));
	}

	/** Prints the job's events as they arrive, until it ends. */
	private JobView follow(UUID id) throws InterruptedException {
		long last = 0;
		Double baseline = null;
		double best = Double.NaN;
		int round = -1;
		while (true) {
			List<JobRecords.EventRow> events = jobs.events(id, last, 200);
			for (JobRecords.EventRow event : events) {
				last = event.id();
				JsonNode data = json.readTree(event.data());
				switch (event.type()) {
					case "demo-set" -> out.printf("  Demo set %d built (%s, %d demos)%n", data.get("index").asInt(),
							data.get("kind").asString().toLowerCase(Locale.ROOT), data.get("demos").asInt());
					case "candidate", "proposal-dropped" -> {
						int r = data.get("round").asInt();
						if (r != round) {
							round = r;
							out.printf(Locale.ROOT, "  Round %d/%d: proposing instructions at temperature %.2f%n", r + 1,
									rounds, temperature * Math.exp(-0.1 * r));
						}
						if (event.type().equals("candidate")) {
							out.printf("    Candidate %d (tip: %s): %s%n", data.get("index").asInt(),
									data.get("tip").asString(), data.get("instruction").asString());
						}
						else {
							out.printf("    Proposal dropped: %s%n", data.get("reason").asString());
						}
					}
					case "trial" -> {
						double score = data.get("score").asDouble();
						String kind = data.get("kind").asString();
						if ("baseline".equals(data.get("role").asString())) {
							baseline = score;
							best = score;
							out.printf(Locale.ROOT, "  Baseline score (%s on the dev set): %.2f%n", metric, score);
						}
						else {
							if ("full".equals(kind) && score > best) {
								best = score;
							}
							JsonNode params = data.get("params");
							String label = "screening".equals(data.get("role").asString()) ? "screening" : kind;
							out.printf(Locale.ROOT, "    Trial %d [%s, round %d] instruction %d + demo set %d: %.2f   (best %.2f)%n",
									data.get("number").asInt(), label, data.get("round").asInt() + 1,
									params.get("0_predictor_instruction").asInt(),
									params.has("0_predictor_demos") ? params.get("0_predictor_demos").asInt() : 0, score,
									best);
						}
					}
					case "screened" -> out.println("  Adaptive strategy: " + data.get("note").asString());
					case "phase" -> {
						if ("PROPOSING".equals(data.get("to").asString()) && "SEARCHING".equals(data.get("from").asString())
								&& baseline != null) {
							out.printf(Locale.ROOT, "  Round %d/%d: best score %.2f (%+.2f over the baseline)%n",
									round + 1, rounds, best, best - baseline);
						}
					}
					default -> {
					}
				}
			}
			JobView view = jobs.get(id);
			if (events.isEmpty() && view.status().isTerminal()) {
				return view;
			}
			if (events.isEmpty()) {
				Thread.sleep(100);
			}
		}
	}

	private void report(JobView end, String baselineInstruction) throws IOException {
		List<CandidateView> candidates = jobs.candidates(end.id());
		var trials = jobs.trials(end.id());
		var bestTrial = trials.stream().filter(t -> t.number() == end.bestFullEvalTrial()).findFirst().orElseThrow();
		String optimized = candidates.stream()
			.filter(c -> c.index() == bestTrial.predictors().get(0).instruction())
			.findFirst()
			.orElseThrow()
			.instruction();
		List<DemoSetView> demoSets = jobs.demoSets(end.id());
		double gain = end.bestScore() - end.baselineScore();
		out.println();
		out.println("Optimization complete!");
		out.printf(Locale.ROOT, "  Final score (%s on the dev set): %.2f%n", metric, end.bestScore());
		if (end.baselineScore() > 0) {
			out.printf(Locale.ROOT, "  Improvement: %+.2f points (%+.1f%%)%n", gain, 100 * gain / end.baselineScore());
		}
		else {
			out.printf(Locale.ROOT, "  Improvement: %+.2f points (from a baseline of 0)%n", gain);
		}
		out.printf("  Candidates evaluated: %d trials over %d instructions x %d demo sets%n", trials.size(),
				candidates.size(), demoSets.size());
		out.printf("  Best candidate found at trial %d (round %d)%n", bestTrial.number(), bestTrial.round() + 1);
		out.printf("  Strategy: %s%n", end.strategy());
		end.decisions().forEach(decision -> out.println("    " + decision));
		out.printf("  Model calls: %d prompt-model and %d task-model calls sent, %d answered from the cache%n",
				end.lmUsage().promptModelCalls(), end.lmUsage().taskModelCalls(), end.lmUsage().cachedCalls());
		out.println();
		out.println("Saving optimized program...");
		Map.Entry<String, String> artifact = jobs.artifact(end.id());
		Path file = output.toAbsolutePath();
		Files.createDirectories(file.getParent());
		Files.writeString(file, artifact.getValue());
		out.println("  Saved to: " + file + " (DSPy: program.load(path))");
		out.println("  Job: " + end.id() + " (in the demo's own database under the data directory's demo/ folder)");
		out.println();
		out.println("Comparing instructions:");
		out.println("Baseline instruction:");
		out.println("  \"" + baselineInstruction + "\"");
		out.println("Optimized instruction:");
		out.println("  \"" + optimized + "\"");
		int bestSet = bestTrial.predictors().get(0).demoSet();
		out.printf("  with demo set %d (%d demos)%n", bestSet, demoSets.get(bestSet).demos().get(0).size());
		if (end.simulated()) {
			out.println();
			out.println("Note: " + SimulatedLanguageModel.NOTICE);
		}
		out.println();
	}

}
