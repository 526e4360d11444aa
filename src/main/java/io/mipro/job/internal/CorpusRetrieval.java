package io.mipro.job.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import io.mipro.llm.UsageCounter;
import io.mipro.optimizer.OptimizerException;
import io.mipro.optimizer.program.Program;
import io.mipro.optimizer.program.Retriever;
import io.mipro.optimizer.spi.Retrieval;
import io.mipro.retrieval.CorpusIndexes;

import org.springframework.stereotype.Component;

/**
 * Searches the corpora of a program's retrieve steps through the shared BM25 indexes (looked up on every search, so
 * an index in use is never evicted), counting each search in the given usage. Jobs, evaluation runs and served
 * programs all search this way.
 */
@Component
public class CorpusRetrieval {

	private final Datasets datasets;

	private final CorpusIndexes corpusIndexes;

	public CorpusRetrieval(Datasets datasets, CorpusIndexes corpusIndexes) {
		this.datasets = datasets;
		this.corpusIndexes = corpusIndexes;
	}

	/**
	 * The retrieval port for a program.
	 * @throws OptimizerException when a corpus dataset was deleted since the program was checked
	 */
	public Retrieval of(Program program, UsageCounter usage) {
		if (program.retrievers().isEmpty()) {
			return Retrieval.NONE;
		}
		Map<String, DatasetView> corpora = new HashMap<>();
		for (Retriever retriever : program.retrievers()) {
			CorpusRef ref = CorpusRef.parse(retriever.corpus());
			corpora.put(retriever.corpus(), datasets.find(ref.datasetId())
				.orElseThrow(() -> new OptimizerException("The corpus dataset " + ref.datasetId() + " of module `"
						+ retriever.name() + "` was deleted; the program cannot run.")));
		}
		return (corpus, query, k) -> {
			CorpusRef ref = CorpusRef.parse(corpus);
			DatasetView dataset = corpora.get(corpus);
			List<String> passages = corpusIndexes
				.index(dataset.contentHash(), ref.textField(), () -> datasets.allExamples(ref.datasetId())
					.stream()
					.map(example -> example.getOrDefault(ref.textField(), ""))
					.toList())
				.search(query, k);
			usage.retrieved();
			return passages;
		};
	}

	/** The corpus datasets a program's retrieve steps name that exist, by corpus key (for {@link ProgramDataCheck}). */
	public Map<String, DatasetView> corpora(Program program) {
		Map<String, DatasetView> corpora = new java.util.LinkedHashMap<>();
		for (Retriever retriever : program.retrievers()) {
			datasets.find(CorpusRef.parse(retriever.corpus()).datasetId())
				.ifPresent(corpus -> corpora.put(retriever.corpus(), corpus));
		}
		return corpora;
	}

}
