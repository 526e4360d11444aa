-- Metrics judged by a model, and cost. Portable SQL: the same script runs on H2 2.x and PostgreSQL 13+.
ALTER TABLE job ADD COLUMN judge_model_calls BIGINT DEFAULT 0 NOT NULL;

-- A job may leave out its dev set: the train set is then split with the job's seed, and the split is recorded.
ALTER TABLE job ALTER COLUMN dev_dataset_id DROP NOT NULL;
ALTER TABLE job ADD COLUMN data_split TEXT;

-- What the answered calls cost at the configured prices, and how many had no price.
ALTER TABLE job ADD COLUMN cost_usd DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN unpriced_calls BIGINT DEFAULT 0 NOT NULL;
