-- Metering: one row per predict call, written in batches off the request path.
CREATE TABLE inference_logs (
    id                 UUID         PRIMARY KEY,
    api_key_id         UUID         NOT NULL REFERENCES api_keys (id),
    model_id           INTEGER      REFERENCES models (id),
    deployment_id      UUID         REFERENCES deployments (id),
    model_version      TEXT,
    request_id         TEXT         NOT NULL,
    idempotency_key    TEXT,
    status             TEXT         NOT NULL CHECK (status IN ('succeeded', 'failed')),
    error_code         TEXT,
    latency_ms         DOUBLE PRECISION NOT NULL CHECK (latency_ms >= 0),
    prediction_count   INTEGER      NOT NULL CHECK (prediction_count >= 0),
    input_payload      TEXT,
    output_payload     TEXT,
    payload_truncated  BOOLEAN      NOT NULL DEFAULT false,
    started_at         TIMESTAMPTZ  NOT NULL,
    completed_at       TIMESTAMPTZ  NOT NULL,
    recorded_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Usage reports aggregate one key's calls over a time range.
CREATE INDEX inference_logs_key_started ON inference_logs (api_key_id, started_at);

CREATE TABLE outcomes (
    id                 UUID         PRIMARY KEY,
    inference_log_id   UUID         NOT NULL REFERENCES inference_logs (id),
    api_key_id         UUID         NOT NULL REFERENCES api_keys (id),
    outcome_score      DOUBLE PRECISION NOT NULL CHECK (outcome_score >= 0 AND outcome_score <= 1),
    outcome_type       TEXT         NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX outcomes_inference_log ON outcomes (inference_log_id);

-- Idempotency-Key claims and stored answers, per API key, kept 24 hours.
CREATE TABLE idempotency_records (
    api_key_id         UUID         NOT NULL REFERENCES api_keys (id),
    idempotency_key    TEXT         NOT NULL,
    request_hash       BYTEA        NOT NULL,
    status             TEXT         NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status    INTEGER,
    response_body      TEXT,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at       TIMESTAMPTZ,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at);
