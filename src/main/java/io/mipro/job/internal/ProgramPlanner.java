package io.mipro.job.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.mipro.job.JobProblems;
import io.mipro.job.JobRequest;
import io.mipro.optimizer.program.ModuleKind;
import io.mipro.optimizer.program.Predictor;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Retriever;
import io.mipro.optimizer.program.Signature;
import io.mipro.optimizer.program.Step;
import io.mipro.web.SafeText;

/**
 * Turns a job's {@code program} into the optimizer's {@link Program}: one module (a bare DSPy module) or a pipeline
 * of named modules (design.md 10). Everything about the program's own shape is checked here, and each refusal is a
 * 400 problem naming the module and the field; what depends on the datasets is checked by {@link ProgramDataCheck}.
 */
public final class ProgramPlanner {

	static final int DEFAULT_K = 3;

	static final int MAX_TEXT = JobPlanner.MAX_TEXT;

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/** Names a module cannot take: Python keywords (not attribute names) and the saved file's own keys. */
	private static final Set<String> RESERVED = Set.of("self", "metadata", "mipro_service", "augmented", "False",
			"None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
			"else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
			"not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "forward");

	private ProgramPlanner() {
	}

	/** The program spec with defaults filled in (as stored with the job). */
	public static JobRequest.ProgramSpec normalize(JobRequest.ProgramSpec program) {
		if (program == null) {
			throw JobProblems.invalid("`program` is required: `program.signature` such as \"context, question -> "
					+ "answer\", or `program.modules` for a pipeline.");
		}
		// clients generated from the API docs send empty lists and maps for the members they leave unset (Java's
		// openapi-generator initializes them), so an empty `modules` beside a signature is the one-module form
		if (program.modules() == null || (program.modules().isEmpty() && program.signature() != null)) {
			if (program.signature() == null || program.signature().isBlank()) {
				throw JobProblems.invalid("`program.signature` is required, e.g. \"context, question -> answer\" "
						+ "(or give `program.modules` for a pipeline).");
			}
			text("program.signature", program.signature());
			text("program.instructions", program.instructions());
			descriptions("program", program.descriptions());
			return new JobRequest.ProgramSpec(program.signature().strip(), program.instructions(),
					program.module() == null ? "predict" : program.module().strip(), program.descriptions(), null);
		}
		if (program.signature() != null || program.instructions() != null || program.module() != null
				|| (program.descriptions() != null && !program.descriptions().isEmpty())) {
			throw JobProblems.invalid("`program` has both `modules` and a one-module field (`signature`, "
					+ "`instructions`, `module` or `descriptions`); give the pipeline's modules only.");
		}
		if (program.modules().isEmpty()) {
			throw JobProblems.invalid("`program.modules` is empty; a pipeline has at least one module.");
		}
		if (program.modules().size() > Program.MAX_STEPS) {
			throw JobProblems.invalid("`program.modules` has " + program.modules().size() + " modules; at most "
					+ Program.MAX_STEPS + " are allowed.");
		}
		List<JobRequest.ModuleSpec> modules = new ArrayList<>();
		for (int i = 0; i < program.modules().size(); i++) {
			modules.add(normalize(i, program.modules().get(i)));
		}
		return new JobRequest.ProgramSpec(null, null, null, null, modules);
	}

	private static JobRequest.ModuleSpec normalize(int position, JobRequest.ModuleSpec module) {
		if (module == null) {
			throw JobProblems.invalid("`program.modules[" + position + "]` is null.");
		}
		String name = module.name() == null ? null : module.name().strip();
		if (name == null || name.isEmpty()) {
			throw JobProblems.invalidModule(null, "name",
					"`program.modules[" + position + "].name` is required: the module's attribute name, e.g. \"find\".");
		}
		if (name.length() > 100 || !IDENTIFIER.matcher(name).matches()) {
			throw JobProblems.invalidModule(null, "name", "`program.modules[" + position + "].name` `"
					+ SafeText.excerpt(name) + "` is not an identifier (letters, digits and _, not starting with a digit).");
		}
		if (RESERVED.contains(name) || name.startsWith("dspy_")) {
			throw JobProblems.invalidModule(name, "name", "Module name `" + name + "` is reserved (a Python keyword, a "
					+ "key of the saved program, or dspy_*); choose another.");
		}
		if (module.signature() == null || module.signature().isBlank()) {
			throw JobProblems.invalidModule(name, "signature", "Module `" + name + "` needs a `signature`, e.g. "
					+ "\"context, question -> evidence\".");
		}
		String where = "program.modules[" + position + "]";
		text(where + ".signature", module.signature());
		text(where + ".instructions", module.instructions());
		descriptions(where, module.descriptions());
		if (module.retrieve() != null) {
			if (module.module() != null && !module.module().strip().equalsIgnoreCase("retrieve")) {
				throw JobProblems.invalidModule(name, "module", "Module `" + name + "` has `retrieve` but module `"
						+ SafeText.excerpt(module.module()) + "`; a retrieve step is module `retrieve`.");
			}
			if (module.instructions() != null || module.descriptions() != null) {
				throw JobProblems.invalidModule(name, "instructions", "Module `" + name + "` is a retrieve step, which "
						+ "has no prompt: remove `instructions` and `descriptions`.");
			}
			JobRequest.RetrieveSpec retrieve = module.retrieve();
			if (retrieve.corpusDatasetId() == null) {
				throw JobProblems.invalidModule(name, "retrieve.corpusDatasetId",
						"Module `" + name + "` needs `retrieve.corpusDatasetId`: the dataset holding the passages.");
			}
			if (retrieve.textField() == null || retrieve.textField().isBlank()) {
				throw JobProblems.invalidModule(name, "retrieve.textField",
						"Module `" + name + "` needs `retrieve.textField`: the corpus field holding the passage text.");
			}
			int k = retrieve.k() == null ? DEFAULT_K : retrieve.k();
			if (k < 1 || k > Retriever.MAX_K) {
				throw JobProblems.invalidModule(name, "retrieve.k", "Module `" + name + "`: `retrieve.k` must be "
						+ "between 1 and " + Retriever.MAX_K + "; got " + k + ".");
			}
			return new JobRequest.ModuleSpec(name, module.signature().strip(), null, "retrieve", null,
					new JobRequest.RetrieveSpec(retrieve.corpusDatasetId(), retrieve.textField().strip(), k));
		}
		String kind = module.module() == null ? "predict" : module.module().strip().toLowerCase(Locale.ROOT);
		if (kind.equals("retrieve")) {
			throw JobProblems.invalidModule(name, "retrieve", "Module `" + name + "` is module `retrieve` but has no "
					+ "`retrieve` settings (corpusDatasetId, textField, k).");
		}
		try {
			ModuleKind.parse(kind);
		}
		catch (IllegalArgumentException ex) {
			throw JobProblems.invalidModule(name, "module", "Module `" + name + "` has unknown module kind `"
					+ SafeText.excerpt(module.module()) + "`; use predict, chain_of_thought or retrieve.");
		}
		return new JobRequest.ModuleSpec(name, module.signature().strip(), module.instructions(), kind,
				module.descriptions(), null);
	}

	private static void text(String field, String value) {
		if (value == null) {
			return;
		}
		SafeText.problem(value).ifPresent(problem -> {
			throw JobProblems.invalid("`" + field + "` " + problem + ".");
		});
		if (value.length() > MAX_TEXT) {
			throw JobProblems.invalid("`" + field + "` has " + value.length() + " characters; at most " + MAX_TEXT
					+ " are allowed.");
		}
	}

	private static void descriptions(String where, Map<String, String> descriptions) {
		if (descriptions != null) {
			descriptions.forEach((field, text) -> {
				text(where + ".descriptions", field);
				text(where + ".descriptions." + field, text);
			});
		}
	}

	/** The program a normalized spec stands for; refusals name the module and the field. */
	public static Program program(JobRequest.ProgramSpec spec) {
		if (spec.modules() == null) {
			try {
				return Program.of(predictor(null, spec.signature(), spec.instructions(), spec.module(),
						spec.descriptions(), true));
			}
			catch (IllegalArgumentException ex) {
				throw JobProblems.invalid("`program`: " + ex.getMessage() + ".");
			}
		}
		List<Step> steps = new ArrayList<>();
		for (JobRequest.ModuleSpec module : spec.modules()) {
			steps.add(step(module));
		}
		try {
			return Program.pipeline(steps);
		}
		catch (IllegalArgumentException ex) {
			throw JobProblems.invalidModule(moduleNamed(ex.getMessage(), spec), null, "`program.modules`: "
					+ ex.getMessage() + ".");
		}
	}

	private static Step step(JobRequest.ModuleSpec module) {
		try {
			if (module.retrieve() != null) {
				return Retriever.of(module.name(), CorpusRef.of(module.retrieve()).key(), module.retrieve().k(),
						Signature.parse(module.signature()));
			}
			return predictor(module.name(), module.signature(), module.instructions(), module.module(),
					module.descriptions(), false);
		}
		catch (IllegalArgumentException ex) {
			throw JobProblems.invalidModule(module.name(), "signature",
					"Module `" + module.name() + "`: " + ex.getMessage() + ".");
		}
	}

	private static Predictor predictor(String name, String signatureText, String instructions, String module,
			Map<String, String> descriptions, boolean bare) {
		ModuleKind kind = ModuleKind.parse(module);
		Signature signature = Signature.parse(signatureText, instructions);
		if (descriptions != null) {
			signature = signature.withDescriptions(descriptions);
		}
		for (var field : signature.fields()) {
			if (field.name().equals(ModuleKind.REASONING) && kind == ModuleKind.CHAIN_OF_THOUGHT) {
				throw new IllegalArgumentException("`reasoning` is added by chain_of_thought; remove it from the signature");
			}
			if (field.name().equals("augmented") || field.name().startsWith("dspy_")) {
				throw new IllegalArgumentException("field name `" + field.name() + "` is reserved by the DSPy format");
			}
		}
		return bare ? Predictor.single(kind, signature) : Predictor.named(name, kind, signature);
	}

	/** The module a pipeline refusal is about: the module named first in the message. */
	private static String moduleNamed(String message, JobRequest.ProgramSpec spec) {
		String first = null;
		int at = Integer.MAX_VALUE;
		for (JobRequest.ModuleSpec module : spec.modules()) {
			int index = message.indexOf("`" + module.name() + "`");
			if (index >= 0 && index < at) {
				first = module.name();
				at = index;
			}
		}
		return first;
	}

}
