package io.mipro.optimizer.spi;

import java.util.List;

/** Searches a corpus: the port a program's retrieve steps call (the service implements it with Lucene's BM25). */
@FunctionalInterface
public interface Retrieval {

	/** A retrieval for programs without retrieve steps: asking it is a bug. */
	Retrieval NONE = (corpus, query, k) -> {
		throw new IllegalStateException("this program has no corpus to retrieve from");
	};

	/** The {@code k} best passages of {@code corpus} for {@code query}, best first (fewer when the corpus is small). */
	List<String> search(String corpus, String query, int k);

}
