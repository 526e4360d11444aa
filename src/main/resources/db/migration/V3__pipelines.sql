-- Pipelines: retrievals counted in usage, what the job view says about each predictor and what the strategy
-- decided, and the corpora a job searches (a corpus cannot be deleted while a queued or running job uses it). Same script on H2 and PostgreSQL.
ALTER TABLE job ADD COLUMN retrievals BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN predictors TEXT;
-- what the adaptive strategy decided, in words (JSON list)
ALTER TABLE job ADD COLUMN decisions TEXT;

CREATE TABLE job_corpus (
    job_id     UUID NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    dataset_id UUID NOT NULL,
    PRIMARY KEY (job_id, dataset_id)
);

CREATE INDEX job_corpus_dataset_idx ON job_corpus (dataset_id);
