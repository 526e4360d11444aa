package io.mipro.llm.simulated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mipro.llm.ModelProvider;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.util.Json;

/**
 * The offline model: a deterministic, deliberately simple reader, not a language model. It reads only the prompt
 * (never a gold label) and answers in the ChatAdapter format. As task model it extracts answers from the context
 * (verbose by default; shorter when demos or instructions ask for it); as prompt model it writes observations,
 * descriptions and instructions from what the prompt shows; as judge it measures word overlap
 * ({@link SimulatedJudge}). Scores obtained with it say how the optimizer behaves,
 * not how well any real model does; every job and artifact that used it says so.
 */
public final class SimulatedLanguageModel implements ModelProvider {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SimulatedLanguageModel.class);

	public static final String NOTICE = "Simulated model: a deterministic extractive reader used when no OpenAI key is "
			+ "configured. Its scores show the optimizer at work; they are not the accuracy of a language model.";

	private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

	private final java.time.Duration latency;

	public SimulatedLanguageModel() {
		this(java.time.Duration.ZERO);
	}

	/** With a delay per call, so it behaves like a remote model in demos and crash tests. */
	public SimulatedLanguageModel(java.time.Duration latency) {
		this.latency = latency;
	}

	@Override
	public String name() {
		return "simulated";
	}

	@Override
	public boolean simulated() {
		return true;
	}

	/** Bump when the reader's behaviour changes, so cached answers of an older reader are not reused. */
	static final int VERSION = 3;

	@Override
	public String cacheNamespace() {
		return name() + "/" + VERSION;
	}

	@Override
	public Completion complete(ChatRequest request, UsageCounter usage) {
		usage.sent(request.role(), false);
		if (!latency.isZero()) {
			try {
				Thread.sleep(latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		PromptView prompt = PromptView.read(request.messages());
		// one line per call with the fields it asked for, so benchmarks can count calls per predictor
		log.debug("simulated call role={} outputs={}", request.role(), prompt.outputTypes().keySet());
		Map<String, String> outputs = answer(prompt);
		String text = prompt.wantsJson() ? Json.dumps(outputs) : chat(outputs);
		long input = request.messages().stream().mapToLong(m -> m.content().length()).sum() / 4 + 1;
		long output = text.length() / 4 + 1;
		usage.tokens(input, output);
		return new Completion(text, input, output, false);
	}

	private static Map<String, String> answer(PromptView prompt) {
		Map<String, String> request = prompt.request();
		Map<String, String> outputs = new LinkedHashMap<>();
		if (SimulatedJudge.isVerdict(prompt)) {
			return SimulatedJudge.verdict(request);
		}
		if (SimulatedJudge.isSemanticF1(prompt)) {
			return SimulatedJudge.semanticF1(request);
		}
		if (prompt.outputs("proposed_instruction")) {
			outputs.put("proposed_instruction", MetaWriter.propose(request));
			return outputs;
		}
		if (prompt.outputs("observations")) {
			outputs.put("observations", MetaWriter.observe(request.getOrDefault("examples", ""),
					request.containsKey("prior_observations")));
			return outputs;
		}
		if (prompt.outputs("summary")) {
			outputs.put("summary", MetaWriter.summarize(request.getOrDefault("observations", "")));
			return outputs;
		}
		if (prompt.outputs("program_description")) {
			outputs.put("program_description", MetaWriter.describeProgram(request.getOrDefault("program_code", "")));
			return outputs;
		}
		if (prompt.outputs("module_description")) {
			outputs.put("module_description", MetaWriter.describeModule(request.getOrDefault("module", ""),
					request.getOrDefault("program_code", "")));
			return outputs;
		}
		return task(prompt);
	}

	/**
	 * A task call: the reader answers every output field from the inputs. The longest input is what it reads (a
	 * context, evidence, or retrieved passages); the other inputs say what is asked. Each text output is written by
	 * its role: an answer, supporting text, or a search query (see {@link OutputRole}).
	 */
	private static Map<String, String> task(PromptView prompt) {
		Map<String, String> inputs = prompt.request();
		// the text to read: an input named as supporting text (context, evidence, passages), else the longest one
		String reading = null;
		for (String name : prompt.inputs()) {
			String value = Reader.plainText(inputs.getOrDefault(name, ""));
			if (OutputRole.of(name) == OutputRole.EVIDENCE && (reading == null || value.length() > reading.length())) {
				reading = value;
			}
		}
		String context = reading == null ? "" : reading;
		List<String> others = new ArrayList<>();
		for (String name : prompt.inputs()) {
			String value = Reader.plainText(inputs.getOrDefault(name, ""));
			if (reading == null && value.length() > context.length()) {
				if (!context.isEmpty()) {
					others.add(context);
				}
				context = value;
			}
			else if (reading == null || !value.equals(reading)) {
				others.add(value);
			}
		}
		String question = others.isEmpty() ? context : String.join(" ", others);
		Map<String, String> outputs = new LinkedHashMap<>();
		Reader.Reading read = null;
		for (Map.Entry<String, String> field : prompt.outputTypes().entrySet()) {
			String name = field.getKey();
			String type = field.getValue();
			if (name.equals("reasoning")) {
				continue;
			}
			Demos demos = Demos.of(prompt, name);
			if (type.startsWith("Literal[")) {
				outputs.put(name, Reader.classify(literalValues(type), question + " " + context, demos.votes()));
			}
			else if (type.equals("int") || type.equals("float")) {
				outputs.put(name, lastNumber(question + " " + context, type));
			}
			else if (type.equals("bool")) {
				outputs.put(name, "True");
			}
			else {
				switch (OutputRole.of(name)) {
					case EVIDENCE -> {
						read = Reader.read(context, question, "", List.of());
						outputs.put(name, Reader.evidence(read.sentence(), question, prompt.instructions(), demos));
					}
					case QUERY -> outputs.put(name, Reader.query(question, prompt.instructions(), demos.answers()));
					case ANSWER -> {
						read = Reader.read(context, question, prompt.instructions(), demos.answers());
						outputs.put(name, read.answer());
					}
				}
			}
		}
		if (prompt.outputs("reasoning")) {
			String sentence = read != null ? read.sentence()
					: Reader.read(context, question, "", List.of()).sentence();
			Map<String, String> withReasoning = new LinkedHashMap<>();
			withReasoning.put("reasoning", "The most relevant passage says: " + sentence);
			withReasoning.putAll(outputs);
			return withReasoning;
		}
		return outputs;
	}

	/** What the prompt's demos show for one output field. */
	record Demos(List<String> answers, Map<String, Integer> votes, int copied) {

		static Demos of(PromptView prompt, String field) {
			List<String> answers = new ArrayList<>();
			Map<String, Integer> votes = new HashMap<>();
			int copied = 0;
			for (int i = 0; i < prompt.demoOutputs().size(); i++) {
				String value = prompt.demoOutputs().get(i).get(field);
				if (value == null || value.startsWith("Not supplied")) {
					continue;
				}
				answers.add(value);
				votes.merge(value, 1, Integer::sum);
				String longest = prompt.demoInputs().get(i).values().stream().map(Reader::plainText)
					.reduce("", (a, b) -> a.length() >= b.length() ? a : b);
				if (value.length() > 20 && longest.contains(value)) {
					copied++;
				}
			}
			return new Demos(answers, votes, copied);
		}

		/** Most of the demos' values were copied word for word from their inputs. */
		boolean teachCopying() {
			return !answers.isEmpty() && copied * 2 > answers.size();
		}

	}

	private static List<String> literalValues(String type) {
		List<String> values = new ArrayList<>();
		Matcher matcher = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'|\"([^\"]*)\"").matcher(type);
		while (matcher.find()) {
			values.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
		}
		return values.isEmpty() ? List.of("") : values;
	}

	private static String lastNumber(String text, String type) {
		Matcher matcher = NUMBER.matcher(text);
		String last = "0";
		while (matcher.find()) {
			last = matcher.group().replace(",", "");
		}
		if (type.equals("int") && last.contains(".")) {
			last = last.substring(0, last.indexOf('.'));
		}
		return last;
	}

	private static String chat(Map<String, String> outputs) {
		StringBuilder text = new StringBuilder();
		outputs.forEach((name, value) -> text.append("[[ ## ").append(name).append(" ## ]]\n").append(value).append("\n\n"));
		return text.append("[[ ## completed ## ]]").toString();
	}


}
