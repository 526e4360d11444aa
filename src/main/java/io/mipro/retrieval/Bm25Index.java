package io.mipro.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory BM25 index over a corpus of passages (Lucene, English analysis: lower case, stop words removed,
 * Porter stems). A query is analyzed the same way and its terms are OR-ed, so query syntax in model-written text has
 * no special meaning. Ranking ties keep corpus order; searching is thread-safe.
 */
public final class Bm25Index {

	private static final String TEXT = "text";

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final IndexSearcher searcher;

	private final int size;

	public Bm25Index(List<String> passages) {
		ByteBuffersDirectory directory = new ByteBuffersDirectory();
		try (IndexWriter writer = new IndexWriter(directory,
				new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()))) {
			for (String passage : passages) {
				Document document = new Document();
				document.add(new TextField(TEXT, passage, org.apache.lucene.document.Field.Store.NO));
				document.add(new StoredField("passage", passage));
				writer.addDocument(document);
			}
			writer.forceMerge(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			this.searcher = new IndexSearcher(DirectoryReader.open(directory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.searcher.setSimilarity(new BM25Similarity());
		this.size = passages.size();
	}

	public int size() {
		return size;
	}

	/** The {@code k} best passages for the query, best first; none when no query term occurs in the corpus. */
	public List<String> search(String query, int k) {
		Set<String> terms = terms(query);
		if (terms.isEmpty() || size == 0) {
			return List.of();
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		for (String term : terms) {
			builder.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
		}
		try {
			List<String> passages = new ArrayList<>();
			for (ScoreDoc hit : searcher.search(builder.build(), k).scoreDocs) {
				passages.add(searcher.storedFields().document(hit.doc).get("passage"));
			}
			return passages;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Set<String> terms(String text) {
		Set<String> terms = new LinkedHashSet<>();
		try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

}
