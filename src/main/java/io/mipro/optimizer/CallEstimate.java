package io.mipro.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.ChatAdapter;
import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ModelRole;

/**
 * What a run will cost before it starts, without calling a model: its planned steps, and the provider calls and
 * tokens per model role, expected and worst case. Everything the plan fixes is counted exactly (summary and proposal
 * calls, trials, batch sizes, full evaluations); the rest rests on stated assumptions:
 * <ul>
 * <li>bootstrapping: half of the teacher's runs pass the metric ({@link #ASSUMED_PASS_RATE}), so a set needing
 * {@code k} demos tries about {@code 2k} training examples; worst case, every set tries the whole train set;</li>
 * <li>the search draws combinations as if uniformly at random (TPE's first ten trials are random; later ones
 * concentrate on good combinations, so this undercounts repeats a little): a combination drawn again is answered by
 * the response cache, and a periodic full evaluation re-uses the answers of the minibatch its combination was drawn
 * on;</li>
 * <li>a judge metric asks its judge once per scored example (per output field for {@code semantic_f1});</li>
 * <li>worst case: nothing is cached, and every answer (task or judge) needs its one JSON retry.</li>
 * </ul>
 * Tokens come from the data and the prompt format: the ChatAdapter prompt of each predictor is formatted for sample
 * training examples with a full demo set, and a token is taken as four characters (roughly right for English with
 * OpenAI's tokenizers; the simulated model counts the same way).
 */
public record CallEstimate(Steps steps, Map<ModelRole, Calls> calls) {

	/** Share of bootstrapped runs assumed to pass the metric. */
	public static final double ASSUMED_PASS_RATE = 0.5;

	/** Characters per token. */
	static final double CHARS_PER_TOKEN = 4;

	/** Output tokens assumed for a prompt-model answer (an observation, a description or an instruction). */
	static final int PROMPT_OUTPUT_TOKENS = 150;

	/** Output tokens assumed for a judge's reasoning and verdict. */
	static final int JUDGE_OUTPUT_TOKENS = 80;

	/** The planned steps. */
	public record Steps(int demoSets, int bootstrappedSets, int proposals, int screeningTrials, int trials,
			int fullEvaluations, int valsetSize, boolean minibatch, int minibatchSize, int testEvaluations) {
	}

	/** Calls of one role, expected and worst case, with the tokens each would use. */
	public record Calls(long expected, long worst, long expectedInputTokens, long expectedOutputTokens,
			long worstInputTokens, long worstOutputTokens) {
	}

	/**
	 * @param judgeCallsPerExample judge calls a scored example costs (0 for metrics without a judge)
	 */
	public static CallEstimate of(MiproConfig config, SearchPlan plan, Program student, List<Example> trainset,
			int testSize, int judgeCallsPerExample) {
		int predictors = student.size();
		int train = trainset.size();
		int rounds = plan.proposalRounds();

		// prompt model: dataset summary, descriptions, proposals
		int batch = config.viewDataBatchSize();
		int summary = 1 + Math.min(9, Math.max(0, (train + batch - 1) / batch - 1)) + 1;
		int describe = 2 * predictors;
		int proposals = plan.proposalsPerPredictor() * predictors * rounds;
		long prompt = summary + describe + proposals;

		// task model, bootstrapping: sets 2.. bootstrap (set 0 is zero-shot, set 1 labeled only)
		int bootstrapped = Math.max(0, plan.demoSets() - 2);
		int maxBootstrapped = plan.zeroShot() ? 3 : config.maxBootstrappedDemos();
		double expectedAttempts = 0;
		for (int set = 2; set < plan.demoSets(); set++) {
			double needed = set == 2 ? maxBootstrapped : (maxBootstrapped + 1) / 2.0;
			expectedAttempts += Math.min(train, needed / ASSUMED_PASS_RATE);
		}
		double bootstrapTask = maxBootstrapped == 0 ? 0 : expectedAttempts * predictors;
		long bootstrapWorst = maxBootstrapped == 0 ? 0 : (long) bootstrapped * train * predictors;

		// task model, screening (adaptive) and search
		int valset = plan.valsetSize();
		int screeningTrials = 0;
		for (int round = 0; round < rounds; round++) {
			screeningTrials += plan.screeningTrials(round);
		}
		int screeningBatch = plan.screens() ? Math.min(plan.screeningBatch(), valset) : 0;
		int trials = plan.numTrials() * rounds;
		int fullEvaluations = plan.minibatch()
				? rounds * (plan.numTrials() / plan.fullEvalSteps() + (plan.numTrials() % plan.fullEvalSteps() != 0 ? 1 : 0))
				: 0;
		double combinations = Math.pow(plan.instructionCandidates(), predictors)
				* (plan.zeroShot() ? 1 : Math.pow(plan.demoSets(), predictors));
		double searchExpected;
		long searchWorst;
		if (plan.minibatch()) {
			int minibatch = Math.min(plan.minibatchSize(), valset);
			searchExpected = valset + (double) trials * minibatch + fullEvaluations * (double) (valset - minibatch);
			searchWorst = valset + (long) trials * minibatch + (long) fullEvaluations * valset;
		}
		else {
			// each trial scores the whole valset; a combination drawn before (the baseline's included) is cached
			searchExpected = valset * (1 + distinctNew(combinations, trials));
			searchWorst = (long) valset * (1 + trials);
		}
		searchExpected *= predictors;
		searchWorst *= predictors;
		// the original instructions without demos are the baseline's program, already scored on every example
		double screening = (double) Math.max(0, screeningTrials - 1) * screeningBatch * predictors;
		double test = 2.0 * testSize * predictors;
		double task = bootstrapTask + screening + searchExpected + test;
		long taskWorst = bootstrapWorst + (long) screening + searchWorst + (long) test;

		// judge: one verdict per scored example (task calls of the last predictor), cached with its answer
		double scored = (bootstrapTask + screening + searchExpected + test) / predictors;
		long scoredWorst = (bootstrapWorst + (long) screening + searchWorst + (long) test) / predictors;
		double judge = scored * judgeCallsPerExample;
		long judgeWorst = 2 * scoredWorst * judgeCallsPerExample;

		Tokens tokens = Tokens.measure(student, trainset, config);
		Map<ModelRole, Calls> calls = new LinkedHashMap<>();
		long promptExpected = prompt;
		calls.put(ModelRole.PROMPT, new Calls(promptExpected, prompt, promptExpected * tokens.promptInput(),
				promptExpected * PROMPT_OUTPUT_TOKENS, prompt * tokens.promptInput(), prompt * PROMPT_OUTPUT_TOKENS));
		long taskExpected = Math.round(task);
		calls.put(ModelRole.TASK, new Calls(taskExpected, 2 * taskWorst, taskExpected * tokens.taskInput(),
				taskExpected * tokens.taskOutput(), 2 * taskWorst * tokens.taskInput(),
				2 * taskWorst * tokens.taskOutput()));
		long judgeExpected = Math.round(judge);
		calls.put(ModelRole.JUDGE, new Calls(judgeExpected, judgeWorst, judgeExpected * tokens.judgeInput(),
				judgeExpected * JUDGE_OUTPUT_TOKENS, judgeWorst * tokens.judgeInput(),
				judgeWorst * JUDGE_OUTPUT_TOKENS));
		Steps steps = new Steps(plan.demoSets(), bootstrapped, proposals, screeningTrials, trials,
				fullEvaluations, valset, plan.minibatch(), plan.minibatch() ? plan.minibatchSize() : valset,
				testSize > 0 ? 2 : 0);
		return new CallEstimate(steps, calls);
	}

	/** Expected distinct combinations, other than one already seen, among {@code draws} uniform draws of {@code k}. */
	static double distinctNew(double k, int draws) {
		if (k <= 1) {
			return 0;
		}
		// each of the k - 1 unseen combinations is drawn at least once with probability 1 - (1 - 1/k)^draws
		return (k - 1) * (1 - Math.pow(1 - 1 / k, draws));
	}

	/** Tokens per call by role, measured from formatted prompts. */
	record Tokens(long taskInput, long taskOutput, long promptInput, long judgeInput) {

		static Tokens measure(Program student, List<Example> trainset, MiproConfig config) {
			int samples = Math.min(5, trainset.size());
			int demos = Math.min(trainset.size(), config.maxBootstrappedDemos() + config.maxLabeledDemos());
			double input = 0;
			double output = 0;
			double bare = 0;
			for (Predictor predictor : student.predictors()) {
				Signature signature = predictor.effectiveSignature();
				List<Demo> set = new ArrayList<>();
				for (int i = 0; i < demos; i++) {
					set.add(Demo.labeled(trainset.get(trainset.size() - 1 - i)));
				}
				for (int i = 0; i < samples; i++) {
					Map<String, String> inputs = values(trainset.get(i), signature.inputs());
					input += chars(ChatAdapter.format(signature, set, inputs));
					bare += chars(ChatAdapter.format(signature, List.of(), inputs));
					output += values(trainset.get(i), signature.outputs()).values().stream().mapToInt(String::length)
						.sum() + 40 * signature.outputs().size();
				}
			}
			int predictors = student.size();
			long taskInput = tokens(input / samples / predictors);
			long taskOutput = tokens(output / samples / predictors);
			// a proposal shows the program, a demo set, the data summary and a tip: about two demo-filled prompts
			long promptInput = 2 * taskInput + 300;
			// a judge sees the inputs without demos, the gold and the prediction, and its own instructions
			long judgeInput = tokens(bare / samples / predictors) + 2 * taskOutput + 150;
			return new Tokens(taskInput, taskOutput, promptInput, judgeInput);
		}

		private static Map<String, String> values(Example example, List<Field> fields) {
			Map<String, String> values = new LinkedHashMap<>();
			for (Field field : fields) {
				values.put(field.name(), example.get(field.name()) == null ? "" : example.get(field.name()));
			}
			return values;
		}

		private static double chars(List<ChatMessage> messages) {
			return messages.stream().mapToInt(m -> m.content().length()).sum();
		}

		private static long tokens(double chars) {
			return Math.round(chars / CHARS_PER_TOKEN) + 1;
		}

	}

}
