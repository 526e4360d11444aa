package io.mipro.artifact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;

/**
 * An optimized program in DSPy's saved-program JSON, laid out exactly as DSPy 3.3's {@code save()} lays it out for
 * the same program, so {@code program.load(path)} works: one entry per predictor path ({@code traces}, {@code train},
 * {@code demos}, {@code signature} with the instructions and the positional {@code fields}, {@code lm: null}), keyed
 * as {@code named_predictors()} names them ({@code predict} for a bare ChainOfThought, {@code find} or
 * {@code respond.predict} in a pipeline); a bare Predict's entry sits flat at the top level, because DSPy's Predict
 * saves itself that way. Then {@code metadata.dependency_versions} (empty: valid and silent on load, and we have no
 * Python versions to report) and our provenance under one extra top-level key, which DSPy ignores.
 */
public final class DspyArtifact {

	/** The top-level key of our provenance. */
	public static final String PROVENANCE_KEY = "mipro_service";

	/** Version of what we write under {@link #PROVENANCE_KEY}. */
	public static final int FORMAT_VERSION = 2;

	/** The path of a bare Predict, whose entry is the file's top level. */
	static final String FLAT = "self";

	private DspyArtifact() {
	}

	public static Map<String, Object> of(Program program, Map<String, Object> provenance) {
		Map<String, Object> artifact = new LinkedHashMap<>();
		for (int i = 0; i < program.size(); i++) {
			String path = program.path(i);
			Map<String, Object> entry = predictor(program.predictor(i));
			if (path.equals(FLAT)) {
				artifact.putAll(entry);
			}
			else {
				artifact.put(path, entry);
			}
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("dependency_versions", new LinkedHashMap<>());
		artifact.put("metadata", metadata);
		Map<String, Object> ours = new LinkedHashMap<>();
		ours.put("format_version", FORMAT_VERSION);
		ours.putAll(provenance);
		artifact.put(PROVENANCE_KEY, ours);
		return artifact;
	}

	/**
	 * The artifact as text laid out like DSPy's own saves (2-space indent, {@code "key": value}, one array element
	 * per line), ending with a newline.
	 */
	public static String toJson(Map<String, Object> artifact, JsonMapper json) {
		Separators separators = Separators.createDefaultInstance()
			.withObjectNameValueSpacing(Separators.Spacing.AFTER)
			.withObjectEmptySeparator("")
			.withArrayEmptySeparator("");
		DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
		DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators).withObjectIndenter(indenter)
			.withArrayIndenter(indenter);
		return json.writer().with(printer).writeValueAsString(artifact) + "\n";
	}

	private static Map<String, Object> predictor(Predictor predictor) {
		Signature signature = predictor.effectiveSignature();
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("traces", List.of());
		entry.put("train", List.of());
		List<Map<String, Object>> demos = new ArrayList<>();
		for (Demo demo : predictor.demos()) {
			demos.add(demo(demo, signature));
		}
		entry.put("demos", demos);
		Map<String, Object> saved = new LinkedHashMap<>();
		saved.put("instructions", predictor.signature().instructions());
		List<Map<String, String>> fields = new ArrayList<>();
		// positional: inputs, then outputs; a chain of thought's reasoning comes first among the outputs
		for (Field field : signature.fields()) {
			Map<String, String> f = new LinkedHashMap<>();
			f.put("prefix", field.prefix());
			f.put("description", field.description());
			fields.add(f);
		}
		saved.put("fields", fields);
		entry.put("signature", saved);
		entry.put("lm", null);
		return entry;
	}

	/** A demo as DSPy holds it: {@code augmented} first when bootstrapped; values of typed fields as JSON types. */
	private static Map<String, Object> demo(Demo demo, Signature signature) {
		Map<String, Field> byName = new LinkedHashMap<>();
		signature.fields().forEach(field -> byName.put(field.name(), field));
		Map<String, Object> values = new LinkedHashMap<>();
		if (demo.augmented()) {
			values.put("augmented", true);
		}
		demo.values().forEach((name, value) -> {
			Field field = byName.get(name);
			values.put(name, field == null ? value : field.type().toJson(value));
		});
		return values;
	}

}
