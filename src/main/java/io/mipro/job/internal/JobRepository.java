package io.mipro.job.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.mipro.job.JobStatus;
import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

public interface JobRepository extends Repository<JobEntity, UUID> {

	JobEntity saveAndFlush(JobEntity job);

	Optional<JobEntity> findById(UUID id);

	/**
	 * The job, its row locked until the transaction ends: a checkpoint checks ownership and writes under this lock,
	 * so a takeover commits either before the check (and the step is not written) or after the write.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select j from JobEntity j where j.id = :id")
	Optional<JobEntity> lockById(@Param("id") UUID id);

	Page<JobEntity> findByKind(String kind, Pageable pageable);

	Page<JobEntity> findByKindAndStatus(String kind, JobStatus status, Pageable pageable);

	void delete(JobEntity job);

	/**
	 * The oldest queued jobs, locked; rows other instances hold are skipped ({@code FOR UPDATE SKIP LOCKED} on
	 * PostgreSQL), so several instances can claim from one queue without taking the same job.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
	@Query("select j from JobEntity j where j.status = :status and j.provider = :provider order by j.createdAt, j.id")
	List<JobEntity> lockNext(@Param("status") JobStatus status, @Param("provider") String provider, Pageable page);

	/**
	 * Running jobs whose lease ran out by the database's clock: their instance died (or stalled) and another may
	 * resume them.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
	@Query("select j from JobEntity j where j.status = io.mipro.job.JobStatus.RUNNING and j.leaseUntil < current_timestamp order by j.leaseUntil")
	List<JobEntity> lockExpired(Pageable page);

	@Query("select count(j) from JobEntity j where j.status in (io.mipro.job.JobStatus.QUEUED, io.mipro.job.JobStatus.RUNNING) "
			+ "and (j.trainDatasetId = :dataset or j.devDatasetId = :dataset or j.testDatasetId = :dataset)")
	long countActiveUsing(@Param("dataset") UUID dataset);

	/** Queued or running rows (optimizations starting from it, evaluations running it) that use a program. */
	@Query("select count(j) from JobEntity j where j.status in (io.mipro.job.JobStatus.QUEUED, io.mipro.job.JobStatus.RUNNING) "
			+ "and j.programId = :program")
	long countActiveUsingProgram(@Param("program") UUID program);

	@Query("select j.cancelRequested from JobEntity j where j.id = :id")
	Optional<Boolean> cancelRequested(@Param("id") UUID id);

}
