package io.mipro.dataset.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** Only what the module needs: no bulk operations. */
public interface DatasetRepository extends Repository<DatasetEntity, UUID> {

	/** Inserts and flushes, so that JDBC writes of the examples in the same transaction see the row. */
	DatasetEntity saveAndFlush(DatasetEntity dataset);

	Optional<DatasetEntity> findById(UUID id);

	Page<DatasetEntity> findAll(Pageable pageable);

	long count();

	void delete(DatasetEntity dataset);

}
