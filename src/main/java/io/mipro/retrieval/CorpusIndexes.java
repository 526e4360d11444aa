package io.mipro.retrieval;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The BM25 indexes of the corpora jobs retrieve from, one per corpus content and text field: built once (a second
 * job asking while the first builds waits for it), shared by every job of this instance, and evicted once no job has
 * used it for {@code mipro.retrieval.evict-after} (30 minutes by default).
 */
@Component
public class CorpusIndexes {

	private static final Logger log = LoggerFactory.getLogger(CorpusIndexes.class);

	private final Cache<String, Bm25Index> indexes;

	@org.springframework.beans.factory.annotation.Autowired
	public CorpusIndexes(@Value("${mipro.retrieval.evict-after:30m}") Duration evictAfter) {
		this(evictAfter, Ticker.systemTicker());
	}

	CorpusIndexes(Duration evictAfter, Ticker ticker) {
		this.indexes = Caffeine.newBuilder().expireAfterAccess(evictAfter).ticker(ticker).build();
	}

	/**
	 * The index of a corpus, identified by the content hash of its dataset and the field holding the passages.
	 * @param passages reads the passages; called only when the index is not built yet
	 */
	public Bm25Index index(String contentHash, String textField, Supplier<List<String>> passages) {
		return indexes.get(contentHash + "/" + textField, key -> {
			long start = System.nanoTime();
			Bm25Index index = new Bm25Index(passages.get());
			log.info("Built the BM25 index of corpus {} ({} passages) in {} ms", key, index.size(),
					(System.nanoTime() - start) / 1_000_000);
			return index;
		});
	}

	/** Indexes held now. */
	public long size() {
		indexes.cleanUp();
		return indexes.estimatedSize();
	}

}
