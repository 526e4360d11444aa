package io.mipro.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DataSplitTests {

	@Test
	void aSplitIsTheSameForTheSameSeedAndCoversEveryExampleOnce() {
		DataSplit split = DataSplit.of(50, 9);

		assertThat(DataSplit.of(50, 9)).isEqualTo(split);
		assertThat(split.dev()).hasSize(40).isSorted();
		assertThat(split.train()).hasSize(10).isSorted();
		List<Integer> all = new ArrayList<>(split.train());
		all.addAll(split.dev());
		assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList());
		assertThat(DataSplit.of(50, 10)).isNotEqualTo(split);
		// not the reference's unshuffled last 80 %
		assertThat(split.dev()).isNotEqualTo(IntStream.range(10, 50).boxed().toList());
	}

	@Test
	void theFractionsAreTheReferencesWithItsCap() {
		assertThat(DataSplit.devSize(10)).isEqualTo(8);
		assertThat(DataSplit.devSize(13)).isEqualTo(10);
		assertThat(DataSplit.devSize(5000)).isEqualTo(1000);
		assertThat(DataSplit.of(5000, 1).train()).hasSize(4000);
	}

	@Test
	void aTrainSetTooSmallToSplitIsRefused() {
		assertThatThrownBy(() -> DataSplit.of(9, 9)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("at least 10");
		assertThat(DataSplit.of(10, 9).trainOf(IntStream.range(0, 10).boxed().toList())).hasSize(2);
	}

}
