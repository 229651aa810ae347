-- The model registry: models, their deployments, and the API keys that may call them.

CREATE TABLE models (
    id                 INTEGER      PRIMARY KEY CHECK (id > 0),
    slug               TEXT         NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
    name               TEXT         NOT NULL,
    ticker             TEXT,
    description        TEXT         NOT NULL,
    tags               TEXT[]       NOT NULL DEFAULT '{}',
    task               TEXT         NOT NULL,
    max_batch_size     INTEGER      NOT NULL CHECK (max_batch_size > 0),
    cache_ttl_seconds  INTEGER      NOT NULL CHECK (cache_ttl_seconds >= 0),
    input_schema       JSONB        NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE deployments (
    id                 UUID         PRIMARY KEY,
    model_id           INTEGER      NOT NULL REFERENCES models (id),
    version            TEXT         NOT NULL,
    artifact_provider  TEXT         NOT NULL CHECK (artifact_provider IN ('bundled', 'huggingface', 'filesystem')),
    artifact_location  TEXT         NOT NULL,
    runtime            TEXT         NOT NULL,
    status             TEXT         NOT NULL CHECK (status IN ('active', 'inactive')),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (model_id, version)
);

-- At most one active deployment per model, enforced by the database rather than by convention.
CREATE UNIQUE INDEX deployments_one_active_per_model ON deployments (model_id) WHERE status = 'active';

CREATE TABLE api_keys (
    id                 UUID         PRIMARY KEY,
    prefix             TEXT         NOT NULL UNIQUE,
    key_hash           BYTEA        NOT NULL,
    name               TEXT         NOT NULL,
    scopes             TEXT[]       NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at         TIMESTAMPTZ,
    revoked_at         TIMESTAMPTZ,
    last_used_at       TIMESTAMPTZ
);
