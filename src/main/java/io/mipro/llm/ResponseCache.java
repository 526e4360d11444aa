package io.mipro.llm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mipro.optimizer.spi.Completion;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Model responses persisted by request key, shared by every job and instance. Each write commits on its own, so a
 * job that dies mid-step still finds the answers it had paid for. Two jobs racing to store the same key is fine:
 * the second insert is ignored.
 */
@Component
public class ResponseCache {

	private final JdbcTemplate jdbc;

	public ResponseCache(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Completion> find(String key) {
		List<Completion> rows = jdbc.query(
				"SELECT response, input_tokens, output_tokens FROM lm_cache WHERE cache_key = ?",
				(rs, n) -> new Completion(rs.getString(1), rs.getLong(2), rs.getLong(3), true), key);
		return rows.stream().findFirst();
	}

	public void put(String key, String provider, String model, Completion completion) {
		try {
			jdbc.update("INSERT INTO lm_cache (cache_key, provider, model, response, input_tokens, output_tokens, "
					+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", key, provider, model, completion.text(),
					completion.inputTokens(), completion.outputTokens(), Timestamp.from(Instant.now()));
		}
		catch (DuplicateKeyException alreadyCached) {
			// another job stored the same answer first
		}
	}

	public long size() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM lm_cache", Long.class);
		return count == null ? 0 : count;
	}

}
