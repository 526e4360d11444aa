package io.mipro.program.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The program registry's rows, through plain JDBC: a program is written once and read whole. */
@Component
public class ProgramStore {

	private static final String COLUMNS = "id, name, source, job_id, spec, artifact, task_model, created_at";

	private final JdbcTemplate jdbc;

	public ProgramStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(ProgramRow row) {
		jdbc.update("INSERT INTO program (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row.id(), row.name(),
				row.source(), row.jobId(), row.spec(), row.artifact(), row.taskModel(), Timestamp.from(row.createdAt()));
	}

	public Optional<ProgramRow> find(UUID id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM program WHERE id = ?", ProgramStore::row, id).stream().findFirst();
	}

	/** A job's programs (best first, then baseline). */
	public List<ProgramRow> ofJob(UUID jobId) {
		return jdbc.query("SELECT " + COLUMNS + " FROM program WHERE job_id = ? ORDER BY source DESC", ProgramStore::row,
				jobId);
	}

	/** Newest first. */
	public List<ProgramRow> page(int page, int size) {
		return jdbc.query("SELECT " + COLUMNS + " FROM program ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
				ProgramStore::row, size, (long) page * size);
	}

	public long count() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM program", Long.class);
		return count == null ? 0 : count;
	}

	/** Locks the program's row until the transaction ends; false when there is none. */
	public boolean lock(UUID id) {
		return !jdbc.query("SELECT id FROM program WHERE id = ? FOR UPDATE", (rs, n) -> rs.getObject(1), id).isEmpty();
	}

	public boolean delete(UUID id) {
		return jdbc.update("DELETE FROM program WHERE id = ?", id) == 1;
	}

	private static ProgramRow row(ResultSet rs, int n) throws SQLException {
		return new ProgramRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("source"),
				rs.getObject("job_id", UUID.class), rs.getString("spec"), rs.getString("artifact"),
				rs.getString("task_model"), rs.getTimestamp("created_at").toInstant());
	}

}
