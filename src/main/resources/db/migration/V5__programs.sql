-- Programs you can use (design.md 10): the registry, evaluation runs and multi-stage jobs. Same script on H2 and
-- PostgreSQL.

-- A usable program: a job's best or baseline program, or an imported DSPy saved program, with the pipeline spec
-- that gives it its shape (JSON, the job request's `program` form) and the task model it runs with by default.
-- A job's programs outlive the job (job_id is a reference, not a foreign key); one program per job and source.
CREATE TABLE program (
    id         UUID                     NOT NULL PRIMARY KEY,
    name       VARCHAR(200)             NOT NULL,
    source     VARCHAR(20)              NOT NULL,
    job_id     UUID,
    spec       TEXT                     NOT NULL,
    artifact   TEXT                     NOT NULL,
    task_model TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX program_job_source_idx ON program (job_id, source);
CREATE INDEX program_created_at_idx ON program (created_at, id);

-- A job row is an optimization or an evaluation run (claimed, leased, cancelled and resumed by the same runner);
-- program_id is the program it starts from (a stage-2 optimization) or evaluates, so that program cannot be
-- deleted while the row is queued or running.
ALTER TABLE job ADD COLUMN kind VARCHAR(20) DEFAULT 'optimization' NOT NULL;
ALTER TABLE job ADD COLUMN program_id UUID;
-- a stage-2 job's starting program (DSPy JSON) as it was when the job was submitted: its baseline, kept with the job
ALTER TABLE job ADD COLUMN start_program TEXT;
-- and the job that program came from, if any (for the job's view)
ALTER TABLE job ADD COLUMN origin_job_id UUID;
CREATE INDEX job_program_idx ON job (program_id);
CREATE INDEX job_kind_idx ON job (kind, created_at);

-- One row per evaluated example of an evaluation run, written as each batch is scored (a resumed run skips them).
CREATE TABLE evaluation_result (
    job_id       UUID             NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    ordinal      INTEGER          NOT NULL,
    example      TEXT             NOT NULL,
    prediction   TEXT             NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    parse_failed BOOLEAN          NOT NULL,
    failure      TEXT,
    PRIMARY KEY (job_id, ordinal)
);
