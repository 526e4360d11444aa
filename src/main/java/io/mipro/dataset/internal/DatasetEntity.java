package io.mipro.dataset.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.mipro.dataset.DatasetView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/** A stored dataset's header row; its examples live in {@code dataset_example}, written by {@link ExampleStore}. */
@Entity
@Table(name = "dataset")
public class DatasetEntity implements Persistable<UUID> {

	@Id
	private UUID id;

	@Column(nullable = false, length = 200)
	private String name;

	@Column(nullable = false)
	private int size;

	/** Field names joined by commas; names are identifiers, so they never contain one. */
	@Column(nullable = false, length = 8000)
	private String fields;

	@Column(name = "content_hash", nullable = false, length = 64)
	private String contentHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	/** Ids are assigned here, so Spring Data cannot tell a new entity by its id; without this it would merge. */
	@Transient
	private boolean isNew;

	protected DatasetEntity() {
	}

	public static DatasetEntity create(String name, List<String> fields, int size, String contentHash) {
		DatasetEntity entity = new DatasetEntity();
		entity.id = UUID.randomUUID();
		entity.name = name;
		entity.fields = String.join(",", fields);
		entity.size = size;
		entity.contentHash = contentHash;
		// microseconds: what both H2 and PostgreSQL keep, so a view read back equals the one returned on insert
		entity.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		entity.isNew = true;
		return entity;
	}

	@Override
	public UUID getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	public List<String> fieldList() {
		return Arrays.asList(fields.split(","));
	}

	public DatasetView toView() {
		return new DatasetView(id, name, size, fieldList(), contentHash, createdAt);
	}

}
