-- Several instances on one database: fleet-wide provider limits, single-flight model calls, retention.
-- Portable SQL: the same script runs on H2 2.4 and PostgreSQL 15.

-- Concurrency permits per model, shared by the fleet (PostgreSQL): a row per slot, held under an expiring lease so
-- that a dead instance cannot keep its permits; the holder instance renews the leases of the calls it has in flight.
CREATE TABLE lm_permit (
    model      VARCHAR(200)             NOT NULL,
    slot       INTEGER                  NOT NULL,
    holder     VARCHAR(140),
    instance   VARCHAR(100),
    expires_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (model, slot)
);

-- Requests-per-minute token buckets per model (Bucket4j's JDBC layout: id, serialized state, expiry).
CREATE TABLE lm_rate_bucket (
    id         VARCHAR(200) NOT NULL PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

-- A model call in flight, by response-cache key: the first instance to claim a key calls the provider, the others
-- wait for its answer in lm_cache (until the claim expires or their wait runs out).
CREATE TABLE lm_cache_inflight (
    cache_key  VARCHAR(64)              NOT NULL PRIMARY KEY,
    holder     VARCHAR(100)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Retention: the pruner deletes the oldest cache rows first, and the events of jobs that ended long ago.
CREATE INDEX lm_cache_created_idx ON lm_cache (created_at);
CREATE INDEX job_finished_idx ON job (finished_at);
