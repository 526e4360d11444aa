package io.mipro.evaluation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An evaluation run's per-example results, through plain JDBC: written a batch at a time inside the run's step
 * transaction, read by page or streamed whole.
 */
@Component
public class EvaluationResultStore {

	private static final String COLUMNS = "ordinal, example, prediction, score, parse_failed, failure";

	private final JdbcTemplate jdbc;

	public EvaluationResultStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One scored example: its position in the dataset, the example and the outputs as JSON objects. */
	public record Row(int ordinal, String example, String prediction, double score, boolean parseFailed,
			String failure) {
	}

	/** The aggregate of the rows stored so far. */
	public record Totals(int evaluated, double scoreSum, int parseFailures) {
	}

	public void insertAll(UUID run, List<Row> rows) {
		List<Object[]> batch = new ArrayList<>();
		for (Row row : rows) {
			batch.add(new Object[] { run, row.ordinal(), row.example(), row.prediction(), row.score(), row.parseFailed(),
					row.failure() });
		}
		jdbc.batchUpdate("INSERT INTO evaluation_result (job_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", batch);
	}

	/** The examples already scored (a resumed run skips them). */
	public Set<Integer> scored(UUID run) {
		return new HashSet<>(jdbc.queryForList("SELECT ordinal FROM evaluation_result WHERE job_id = ?", Integer.class,
				run));
	}

	/**
	 * Totals, with the scores summed in dataset order as the optimizer's evaluator sums them, so the same program on
	 * the same data gets exactly the job's score.
	 */
	public Totals totals(UUID run) {
		List<Object[]> rows = jdbc.query("SELECT score, parse_failed FROM evaluation_result WHERE job_id = ? ORDER BY "
				+ "ordinal", (rs, n) -> new Object[] { rs.getDouble(1), rs.getBoolean(2) }, run);
		double sum = 0;
		int failures = 0;
		for (Object[] row : rows) {
			sum += (double) row[0];
			failures += (boolean) row[1] ? 1 : 0;
		}
		return new Totals(rows.size(), sum, failures);
	}

	public int parseFailures(UUID run) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM evaluation_result WHERE job_id = ? AND parse_failed",
				Integer.class, run);
		return count == null ? 0 : count;
	}

	public List<Row> page(UUID run, int page, int size) {
		return jdbc.query("SELECT " + COLUMNS + " FROM evaluation_result WHERE job_id = ? ORDER BY ordinal LIMIT ? "
				+ "OFFSET ?", EvaluationResultStore::row, run, size, (long) page * size);
	}

	/** Every row in dataset order, handed over one at a time (a large run is never held in memory whole). */
	public void forEach(UUID run, Consumer<Row> consumer) {
		jdbc.query("SELECT " + COLUMNS + " FROM evaluation_result WHERE job_id = ? ORDER BY ordinal",
				(ResultSet rs) -> {
					consumer.accept(row(rs, 0));
				}, run);
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getInt("ordinal"), rs.getString("example"), rs.getString("prediction"), rs.getDouble("score"),
				rs.getBoolean("parse_failed"), rs.getString("failure"));
	}

}
