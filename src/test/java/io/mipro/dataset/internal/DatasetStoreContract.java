package io.mipro.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.mipro.dataset.DatasetView;
import io.mipro.dataset.Datasets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every database behind the dataset store must do; run against H2 and PostgreSQL by the subclasses.
 */
abstract class DatasetStoreContract {

	@Autowired
	Datasets datasets;

	@Autowired
	DatasetRepository repository;

	@Autowired
	ExampleStore examples;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void clean() {
		jdbc.update("DELETE FROM dataset_example");
		jdbc.update("DELETE FROM dataset");
	}

	private static byte[] body(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void migrationsCreateTheSchema() {
		Integer applied = jdbc.queryForObject(
				"SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\" = TRUE",
				Integer.class);
		assertThat(applied).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dataset_example", Integer.class)).isZero();
	}

	@Test
	void storesAndReadsExamplesInOrderWithUnicodeIntact() {
		DatasetView view = datasets.importJson(body("""
				{"name": "unicode", "examples": [
				  {"q": "Größe? 東京 🚀", "a": "naïve \\"quoted\\"\\nline"},
				  {"q": "second", "a": "2"},
				  {"q": "third", "a": "true"}]}"""));

		assertThat(view.size()).isEqualTo(3);
		assertThat(view.fields()).containsExactly("q", "a");
		assertThat(datasets.allExamples(view.id())).containsExactly(
				Map.of("q", "Größe? 東京 🚀", "a", "naïve \"quoted\"\nline"), Map.of("q", "second", "a", "2"),
				Map.of("q", "third", "a", "true"));
		assertThat(datasets.examples(view.id(), 1, 2).getContent()).containsExactly(Map.of("q", "third", "a", "true"));
		assertThat(datasets.get(view.id())).isEqualTo(view);
	}

	@Test
	void listsNewestFirstInPages() {
		DatasetView first = datasets.importJson(body("{\"name\": \"first\", \"examples\": [{\"q\": \"1\"}]}"));
		DatasetView second = datasets.importJson(body("{\"name\": \"second\", \"examples\": [{\"q\": \"2\"}]}"));

		assertThat(datasets.list(0, 1).getContent()).extracting(DatasetView::id).containsExactly(second.id());
		assertThat(datasets.list(1, 1).getContent()).extracting(DatasetView::id).containsExactly(first.id());
		assertThat(datasets.list(0, 10).getTotalElements()).isEqualTo(2);
	}

	@Test
	void deleteRemovesTheExamplesToo() {
		DatasetView view = datasets.importJson(body("{\"examples\": [{\"q\": \"1\"}, {\"q\": \"2\"}]}"));
		datasets.delete(view.id());

		assertThat(datasets.find(view.id())).isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dataset_example", Integer.class)).isZero();
	}

	@Test
	void datasetRowAndExamplesCommitTogetherOrNotAtAll() {
		ParsedDataset parsed = new ParsedDataset(List.of("q"), List.of(List.of("a"), List.of("b")));

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			DatasetEntity entity = repository.saveAndFlush(DatasetEntity.create("doomed", parsed.fields(), 2, "h"));
			examples.insertAll(entity.getId(), parsed);
			throw new IllegalStateException("fault after the examples were written");
		})).hasMessageContaining("fault after");

		assertThat(repository.count()).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dataset_example", Integer.class)).isZero();
	}

	@Test
	void bulkImportOfManyExamplesIsComplete() {
		StringBuilder json = new StringBuilder("{\"examples\": [");
		for (int i = 0; i < 2500; i++) {
			json.append(i == 0 ? "" : ",").append("{\"q\": \"question ").append(i).append("\", \"a\": ").append(i).append('}');
		}
		DatasetView view = datasets.importJson(body(json.append("]}").toString()));

		List<Map<String, String>> all = datasets.allExamples(view.id());
		assertThat(all).hasSize(2500);
		assertThat(all.get(2499)).isEqualTo(Map.of("q", "question 2499", "a", "2499"));
	}

}
