package io.mipro.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class Bm25IndexTests {

	static final List<String> CORPUS = List.of(
			"The Loire is the longest river in France, at 1,006 km.",
			"The Seine flows through Paris before it reaches the English Channel at Le Havre.",
			"Mont Blanc, at 4,806 m, is the highest mountain in the Alps.",
			"Lyon lies where the Rhone and the Saone rivers meet.",
			"The Rhone rises in the Rhone Glacier in Switzerland and flows into the Mediterranean Sea.",
			"Bordeaux is known for its wine and sits on the Garonne.",
			"Paris is the capital of France.",
			"Rivers rivers rivers: a poem about the Loire, the Seine, the Rhone, the Garonne and many other rivers of France and of every other country in Europe.");

	final Bm25Index index = new Bm25Index(CORPUS);

	@Test
	void findsThePassageThatAnswers() {
		assertThat(index.search("How long is the Loire?", 1)).containsExactly(CORPUS.get(0));
		assertThat(index.search("Which mountain is the highest in the Alps?", 1)).containsExactly(CORPUS.get(2));
		assertThat(index.search("Where does the Rhone rise?", 2)).first().isEqualTo(CORPUS.get(4));
		assertThat(index.search("What is the capital of France?", 1)).containsExactly(CORPUS.get(6));
	}

	@Test
	void stemsAndIgnoresCaseAndStopWords() {
		// "meeting" and "RIVER" reach "meet" and "rivers" through the English analyzer's stemming
		assertThat(index.search("RIVER MEETING Lyon", 1)).containsExactly(CORPUS.get(3));
		assertThat(index.search("the of and", 3)).isEmpty();
	}

	@Test
	void saturatesTermFrequencyAndNormalizesLength() {
		// the long passage repeats "rivers" but BM25 saturates frequency and penalizes length: the short passage
		// about two rivers meeting wins for a query on rivers meeting
		assertThat(index.search("rivers meet", 1)).containsExactly(CORPUS.get(3));
	}

	@Test
	void returnsAtMostKBestFirstAndNeverMoreThanTheCorpus() {
		List<String> three = index.search("France river Loire Seine Rhone", 3);
		assertThat(three).hasSize(3).doesNotHaveDuplicates();
		assertThat(index.search("France", 50)).hasSize(3).containsExactlyInAnyOrder(CORPUS.get(0), CORPUS.get(6),
				CORPUS.get(7));
		assertThat(new Bm25Index(List.of()).search("anything", 3)).isEmpty();
	}

	@Test
	void anIndexIsBuiltOncePerContentAndField() {
		CorpusIndexes indexes = new CorpusIndexes(java.time.Duration.ofMinutes(5));
		AtomicInteger reads = new AtomicInteger();

		Bm25Index first = indexes.index("hash-1", "passage", () -> {
			reads.incrementAndGet();
			return CORPUS;
		});
		Bm25Index again = indexes.index("hash-1", "passage", () -> {
			reads.incrementAndGet();
			return CORPUS;
		});
		Bm25Index otherField = indexes.index("hash-1", "title", () -> {
			reads.incrementAndGet();
			return List.of("x");
		});

		assertThat(again).isSameAs(first);
		assertThat(otherField).isNotSameAs(first);
		assertThat(reads).hasValue(2);
		assertThat(indexes.size()).isEqualTo(2);
	}

	@Test
	void anIndexNobodyUsesIsEvicted() {
		java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
		CorpusIndexes indexes = new CorpusIndexes(java.time.Duration.ofMinutes(30), nanos::get);
		indexes.index("hash-1", "passage", () -> CORPUS);

		nanos.addAndGet(java.time.Duration.ofMinutes(20).toNanos());
		indexes.index("hash-1", "passage", () -> CORPUS);
		nanos.addAndGet(java.time.Duration.ofMinutes(20).toNanos());
		assertThat(indexes.size()).as("used 20 minutes ago: kept").isEqualTo(1);

		nanos.addAndGet(java.time.Duration.ofMinutes(11).toNanos());
		assertThat(indexes.size()).as("unused for 31 minutes: evicted").isZero();
	}

}
