package io.mipro.optimizer.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class UtilTests {

	@Test
	void splitLinesBehavesLikePython() {
		assertThat(Text.splitLines("a\nb")).containsExactly("a", "b");
		assertThat(Text.splitLines("a\n")).containsExactly("a");
		assertThat(Text.splitLines("a\n\n")).containsExactly("a", "");
		assertThat(Text.splitLines("a\r\nb\rc\u2028d")).containsExactly("a", "b", "c", "d");
		assertThat(Text.splitLines("")).isEmpty();
	}

	@Test
	void dedentBehavesLikePython() {
		assertThat(Text.dedent("    a\n      b\n    c")).isEqualTo("a\n  b\nc");
		assertThat(Text.dedent("  a\n   \n  b")).isEqualTo("a\n\nb");
		assertThat(Text.dedent("a\n  b")).isEqualTo("a\n  b");
	}

	@Test
	void seededRandomIsAFunctionOfSeedPurposeAndKeys() {
		assertThat(SeededRandom.of(9, "tpe", 3).nextDouble()).isEqualTo(SeededRandom.of(9, "tpe", 3).nextDouble());
		assertThat(SeededRandom.of(9, "tpe", 3).nextDouble()).isNotEqualTo(SeededRandom.of(9, "tpe", 4).nextDouble());
		assertThat(SeededRandom.of(9, "tpe", 3).nextDouble()).isNotEqualTo(SeededRandom.of(9, "minibatch", 3).nextDouble());
		assertThat(SeededRandom.of(0, "x").nextDouble()).isNotEqualTo(SeededRandom.of(1, "x").nextDouble());
		List<Integer> items = IntStream.range(0, 50).boxed().toList();
		List<Integer> sample = SeededRandom.of(1, "s").sample(items, 20);
		assertThat(sample).hasSize(20).doesNotHaveDuplicates();
		assertThat(SeededRandom.of(1, "s").shuffled(items)).containsExactlyInAnyOrderElementsOf(items);
	}

}
