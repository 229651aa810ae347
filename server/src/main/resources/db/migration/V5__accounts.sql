-- Accounts: every key, model, credential and usage record belongs to one. What existed before belongs to the
-- platform operator's account, `hokusai`; the models it had stay public, as every key could call them.

CREATE TABLE accounts (
    id                   UUID         PRIMARY KEY,
    slug                 TEXT         NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
    name                 TEXT         NOT NULL,
    rate_limit_per_hour  INTEGER      CHECK (rate_limit_per_hour > 0),
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO accounts (id, slug, name) VALUES ('0f6b1c3e-9a2d-4e7f-8b5c-000000000001', 'hokusai', 'Hokusai');

ALTER TABLE api_keys ADD COLUMN account_id UUID REFERENCES accounts (id);
UPDATE api_keys SET account_id = '0f6b1c3e-9a2d-4e7f-8b5c-000000000001';
ALTER TABLE api_keys ALTER COLUMN account_id SET NOT NULL;
-- A row written without an account (a tool, a script of the build before accounts) is the operator's.
ALTER TABLE api_keys ALTER COLUMN account_id SET DEFAULT '0f6b1c3e-9a2d-4e7f-8b5c-000000000001';
CREATE INDEX api_keys_account ON api_keys (account_id, created_at);


ALTER TABLE models
    ADD COLUMN account_id  UUID REFERENCES accounts (id),
    ADD COLUMN visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'private'));
UPDATE models SET account_id = '0f6b1c3e-9a2d-4e7f-8b5c-000000000001', visibility = 'public';
ALTER TABLE models ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE models ALTER COLUMN account_id SET DEFAULT '0f6b1c3e-9a2d-4e7f-8b5c-000000000001';

-- A publisher's view of its model: calls per day, joined to the calling key's account.
CREATE INDEX inference_logs_model_started ON inference_logs (model_id, started_at);

-- Each account's credentials for artifact stores, encrypted with AES-GCM under the server's secrets key.
CREATE TABLE account_credentials (
    account_id   UUID         NOT NULL REFERENCES accounts (id),
    provider     TEXT         NOT NULL CHECK (provider IN ('huggingface')),
    ciphertext   BYTEA        NOT NULL,
    nonce        BYTEA        NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, provider)
);

-- Every change to accounts, keys, models, deployments and credentials, written in the transaction of the change.
CREATE TABLE audit_events (
    id                UUID         PRIMARY KEY,
    occurred_at       TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    account_id        UUID         NOT NULL REFERENCES accounts (id),
    actor_account_id  UUID         REFERENCES accounts (id),
    actor_key_id      UUID         REFERENCES api_keys (id),
    request_id        TEXT,
    operation         TEXT         NOT NULL,
    object_type       TEXT         NOT NULL CHECK (object_type IN ('account', 'api_key', 'model', 'deployment', 'credential')),
    object_id         TEXT         NOT NULL,
    changes           JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_account ON audit_events (account_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_actor_account ON audit_events (actor_account_id, occurred_at DESC, id DESC);

-- Append-only, whoever connects: no row is ever changed or removed.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
