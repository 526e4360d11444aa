-- Datasets and their examples. Portable SQL: the same script runs on H2 2.x and PostgreSQL 13+.
CREATE TABLE dataset (
    id           UUID                     NOT NULL PRIMARY KEY,
    name         VARCHAR(200)             NOT NULL,
    size         INTEGER                  NOT NULL,
    fields       VARCHAR(8000)            NOT NULL,
    content_hash VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX dataset_created_at_idx ON dataset (created_at, id);

-- One row per example; data is a compact JSON object with the values as strings, keys in field order.
CREATE TABLE dataset_example (
    dataset_id UUID    NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    data       TEXT    NOT NULL,
    PRIMARY KEY (dataset_id, ordinal)
);
