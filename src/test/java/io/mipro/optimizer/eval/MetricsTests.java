package io.mipro.optimizer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import io.mipro.optimizer.program.Example;
import io.mipro.optimizer.program.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsTests {

	@ParameterizedTest(name = "[{0}] -> [{1}]")
	@CsvSource(delimiter = '|', textBlock = """
			The Eiffel Tower!           | eiffel tower
			  A  cat,   an apple        | cat apple
			Theatre and the end         | theatre and end
			café                        | café
			snake_case-word             | snakecaseword
			"Quoted" (parens) [x]       | quoted parens x
			""")
	void normalizesStepByStep(String input, String expected) {
		assertThat(TextNormalizer.normalize(input)).isEqualTo(java.text.Normalizer.normalize(expected,
				java.text.Normalizer.Form.NFD));
	}

	@Test
	void normalizationKeepsCombiningAccentsAndTreatsThemAsWordBoundaries() {
		// NFD splits é into e + U+0301; the accent is not a word character, so "thé" loses its article-like "the"
		assertThat(TextNormalizer.normalize("thé")).isEqualTo("\u0301");
		assertThat(TextNormalizer.normalize("Élan")).isEqualTo("e\u0301lan");
	}

	@Test
	void exactMatchAndF1FollowTheSquadMeasures() {
		assertThat(Metrics.exactMatch("The Paris.", "paris")).isEqualTo(1);
		assertThat(Metrics.exactMatch("Paris, France", "Paris")).isZero();
		assertThat(Metrics.f1("Paris France", "Paris")).isCloseTo(2 * 0.5 * 1 / 1.5, within(1e-12));
		// "a" is an article, so the prediction has three tokens: precision 2/3, recall 2/3
		assertThat(Metrics.f1("a b b c", "b b d")).isCloseTo(2 / 3.0, within(1e-12));
		assertThat(Metrics.f1("x b b c", "b b d")).isCloseTo(2 * (2 / 4.0) * (2 / 3.0) / (2 / 4.0 + 2 / 3.0), within(1e-12));
		assertThat(Metrics.f1("", "")).isZero();
		assertThat(Metrics.f1("the", "a")).isZero();
	}

	@Test
	void containsLooksForTheGoldOnTokenBoundaries() {
		assertThat(Metrics.contains("It was built in 1931 by Okonkwo.", "1931")).isEqualTo(1);
		assertThat(Metrics.contains("Mira Okonkwo designed it", "mira okonkwo")).isEqualTo(1);
		assertThat(Metrics.contains("category", "cat")).isZero();
	}

	@Test
	void numericComparesTheLastNumber() {
		assertThat(Metrics.numeric("3 apples + 4 apples = 7 apples", "7")).isEqualTo(1);
		assertThat(Metrics.numeric("The answer is 1,200.", "1200")).isEqualTo(1);
		assertThat(Metrics.numeric("It is 7.0", "7")).isEqualTo(1);
		assertThat(Metrics.numeric("7 then 8", "7")).isZero();
		assertThat(Metrics.numeric("no number", "7")).isZero();
		assertThat(Metrics.numeric("-5", "-5")).isEqualTo(1);
	}

	@Test
	void metricsAverageOverOutputFieldsAndAreFoundByName() {
		Example gold = Example.of("q", "x", "a", "Paris", "b", "blue");
		Prediction prediction = new Prediction(Map.of("a", "paris", "b", "red"), List.of(), false, null);
		assertThat(Metrics.byName("exact_match").score(gold, prediction, List.of("a", "b"))).isEqualTo(0.5);
		assertThat(Metrics.byName(" F1 ").score(gold, prediction, List.of("a"))).isEqualTo(1);
		assertThatThrownBy(() -> Metrics.byName("bleu")).hasMessageContaining("unknown metric");
	}

}
