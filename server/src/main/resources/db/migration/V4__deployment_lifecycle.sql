-- Models registered through the API, and deployments that load in the background before they can be activated.

ALTER TABLE models ADD COLUMN output_schema JSONB;

-- Deployments that existed before this migration were served already: they start ready.
ALTER TABLE deployments
    ADD COLUMN load_status     TEXT NOT NULL DEFAULT 'ready'
                               CHECK (load_status IN ('pending', 'loading', 'ready', 'failed')),
    ADD COLUMN failure_reason  TEXT,
    ADD COLUMN revision        TEXT,
    ADD COLUMN files           JSONB,
    ADD COLUMN load_time_ms    DOUBLE PRECISION CHECK (load_time_ms >= 0),
    ADD COLUMN loaded_at       TIMESTAMPTZ,
    ADD COLUMN retired_at      TIMESTAMPTZ;
ALTER TABLE deployments ALTER COLUMN load_status SET DEFAULT 'pending';

-- Only a ready deployment may serve, and a retired one never.
ALTER TABLE deployments ADD CONSTRAINT deployments_active_is_ready
    CHECK (status <> 'active' OR (load_status = 'ready' AND retired_at IS NULL));

-- One number every registry change moves forward, in the transaction that makes the change: each server instance
-- polls it and, when it moved, reloads what it has cached of the registry.
CREATE TABLE registry_generation (
    id          BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    generation  BIGINT  NOT NULL
);
INSERT INTO registry_generation (id, generation) VALUES (true, 0);
