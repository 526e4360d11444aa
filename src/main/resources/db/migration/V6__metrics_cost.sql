-- Metrics judged by a model, and cost. Portable SQL: the same script runs on H2 2.x and PostgreSQL 13+.
ALTER TABLE job ADD COLUMN judge_model_calls BIGINT DEFAULT 0 NOT NULL;
