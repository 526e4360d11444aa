package io.mipro.job.internal;

import java.util.Map;

import io.mipro.dataset.DatasetView;
import io.mipro.job.JobProblems;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Retriever;

/**
 * What a program needs from the job's datasets, checked at submit so a job never fails on it later: every field a
 * module reads that no earlier module produces is in the train, dev and test data; the last module's outputs, which
 * the metric compares, are too; every retrieve step's corpus has the field it searches. Refusals are 400 problems
 * naming the module and the field.
 */
public final class ProgramDataCheck {

	private ProgramDataCheck() {
	}

	/** A dataset in the role a job gives it. */
	public record Role(String name, DatasetView dataset) {
	}

	public static void check(Program program, Map<String, DatasetView> corpora, Role... roles) {
		for (Map.Entry<String, String> read : program.exampleInputReaders().entrySet()) {
			for (Role role : roles) {
				if (role.dataset() != null && !role.dataset().fields().contains(read.getKey())) {
					throw JobProblems.invalidModule(moduleName(program, read.getValue()), read.getKey(),
							reader(program, read.getValue()) + " reads `" + read.getKey() + "`, which no earlier module "
									+ "produces, and the " + role.name() + " dataset `" + role.dataset().name()
									+ "` lacks field `" + read.getKey() + "`; its fields are " + role.dataset().fields()
									+ ".");
				}
			}
		}
		String last = program.steps().get(program.steps().size() - 1).name();
		for (String output : program.outputNames()) {
			for (Role role : roles) {
				if (role.dataset() != null && !role.dataset().fields().contains(output)) {
					throw JobProblems.invalidModule(moduleName(program, last), output, reader(program, last)
							+ " produces `" + output + "`, which the metric compares with the " + role.name()
							+ " dataset's, but the " + role.name() + " dataset `" + role.dataset().name()
							+ "` lacks field `" + output + "`; its fields are " + role.dataset().fields() + ".");
				}
			}
		}
		for (Retriever retriever : program.retrievers()) {
			CorpusRef corpus = CorpusRef.parse(retriever.corpus());
			DatasetView dataset = corpora.get(retriever.corpus());
			if (dataset == null) {
				throw JobProblems.invalidModule(retriever.name(), "retrieve.corpusDatasetId", "Module `"
						+ retriever.name() + "`: no corpus dataset with id " + corpus.datasetId() + "; upload it first.");
			}
			if (!dataset.fields().contains(corpus.textField())) {
				throw JobProblems.invalidModule(retriever.name(), "retrieve.textField", "Module `" + retriever.name()
						+ "`: the corpus dataset `" + dataset.name() + "` has no field `" + corpus.textField()
						+ "`; its fields are " + dataset.fields() + ".");
			}
		}
	}

	/** "The program" for a bare module, else "Module `name`". */
	private static String reader(Program program, String module) {
		return program.bare() ? "The signature" : "Module `" + module + "`";
	}

	private static String moduleName(Program program, String module) {
		return program.bare() ? null : module;
	}

}
