package io.mipro.artifact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Demo;
import io.mipro.optimizer.program.Field;
import io.mipro.optimizer.program.Passages;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.util.Json;
import io.mipro.optimizer.util.PythonValues;

/**
 * Reads a program saved by DSPy (or by us) into a program of a known shape: for every predictor of the shape, its
 * entry (by the path DSPy gives it; a bare Predict's entry is the file's top level) supplies the instructions, the
 * fields' prefixes and descriptions (positionally, as DSPy's {@code load()} applies them) and the demos. What DSPy
 * itself would refuse is refused here, naming the predictor: a missing entry, a missing {@code signature} or
 * {@code lm}, an {@code extended_signature}, a field list of another length, demos that are not flat objects.
 */
public final class DspyProgramReader {

	private DspyProgramReader() {
	}

	/** A saved program that does not fit the shape it is read into. */
	public static final class InvalidProgramException extends IllegalArgumentException {

		InvalidProgramException(String message) {
			super(message);
		}

	}

	public static Program read(Program shape, Map<String, Object> saved) {
		if (!(saved.get("metadata") instanceof Map<?, ?> metadata)
				|| !(metadata.get("dependency_versions") instanceof Map<?, ?>)) {
			throw new InvalidProgramException("the file has no `metadata.dependency_versions`, which DSPy's load() "
					+ "requires");
		}
		Program program = shape;
		for (int i = 0; i < shape.size(); i++) {
			String path = shape.path(i);
			boolean flat = path.equals(DspyArtifact.FLAT);
			Object entry = flat ? (saved.containsKey("signature") ? saved : null) : saved.get(path);
			if (!(entry instanceof Map<?, ?> map)) {
				throw new InvalidProgramException("the file has no entry `" + path + "` for module `"
						+ shape.predictor(i).name() + "`" + (path.equals(DspyArtifact.FLAT)
								? " (a bare Predict is saved flat: `demos` and `signature` at the top level)" : ""));
			}
			program = program.with(i, predictor(shape.predictor(i), path, cast(map)));
		}
		return program;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	private static Predictor predictor(Predictor shape, String path, Map<String, Object> entry) {
		if (!entry.containsKey("signature") || !entry.containsKey("lm")) {
			throw new InvalidProgramException("`" + path + "` lacks `signature` or `lm`");
		}
		if (entry.containsKey("extended_signature")) {
			throw new InvalidProgramException("`" + path + "` has an `extended_signature`, which DSPy cannot load");
		}
		if (!(entry.get("signature") instanceof Map<?, ?> signature)
				|| !(signature.get("instructions") instanceof String instructions)
				|| !(signature.get("fields") instanceof List<?> fields)) {
			throw new InvalidProgramException("`" + path + ".signature` needs `instructions` (text) and `fields` (a list)");
		}
		Signature effective = shape.effectiveSignature();
		if (fields.size() != effective.fields().size()) {
			throw new InvalidProgramException("`" + path + ".signature.fields` has " + fields.size() + " fields; module `"
					+ shape.name() + "` (" + shape.kind().dspyName() + " `" + shape.signature().shortForm() + "`) has "
					+ effective.fields().size() + ": " + effective.fields().stream().map(Field::name).toList());
		}
		Map<String, Field> saved = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			Field field = effective.fields().get(i);
			if (!(fields.get(i) instanceof Map<?, ?> f) || !(f.get("prefix") instanceof String prefix)
					|| !(f.get("description") instanceof String description)) {
				throw new InvalidProgramException("`" + path + ".signature.fields[" + i + "]` needs `prefix` and "
						+ "`description` (text)");
			}
			saved.put(field.name(), new Field(field.name(), field.type(), description, prefix));
		}
		Signature signatureRead = new Signature(
				shape.signature().inputs().stream().map(f -> saved.get(f.name())).toList(),
				shape.signature().outputs().stream().map(f -> saved.get(f.name())).toList(), instructions);
		return new Predictor(shape.name(), shape.kind(), signatureRead, demos(path, entry.get("demos")));
	}

	private static List<Demo> demos(String path, Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw new InvalidProgramException("`" + path + ".demos` is not a list");
		}
		List<Demo> demos = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> demo)) {
				throw new InvalidProgramException("`" + path + ".demos[" + i + "]` is not an object");
			}
			Map<String, String> values = new LinkedHashMap<>();
			boolean augmented = Boolean.TRUE.equals(demo.get("augmented"));
			for (Map.Entry<?, ?> field : demo.entrySet()) {
				String name = String.valueOf(field.getKey());
				if (name.equals("augmented") || field.getValue() == null) {
					continue;
				}
				values.put(name, text(field.getValue()));
			}
			demos.add(new Demo(values, augmented));
		}
		return demos;
	}

	/** A demo value as DSPy would show it in a prompt: a list of texts as numbered passages, objects as JSON. */
	private static String text(Object value) {
		if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String)) {
			return Passages.format(list.stream().map(String.class::cast).toList());
		}
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			return Json.dumps(value);
		}
		if (value instanceof Integer number) {
			return number.toString();
		}
		if (value instanceof Float number) {
			return PythonValues.repr(number.doubleValue());
		}
		return PythonValues.str(value);
	}

}
