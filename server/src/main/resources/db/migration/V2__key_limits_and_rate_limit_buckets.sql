-- Per-key rate limits, and the shared store the limiter keeps its buckets in.

ALTER TABLE api_keys
    ADD COLUMN rate_limit_per_minute INTEGER CHECK (rate_limit_per_minute > 0),
    ADD COLUMN rate_limit_per_hour   INTEGER NOT NULL DEFAULT 1000 CHECK (rate_limit_per_hour > 0);

-- The revocation watcher asks "which keys were revoked since …" every second on every instance.
CREATE INDEX api_keys_revoked_at ON api_keys (revoked_at) WHERE revoked_at IS NOT NULL;

-- Bucket4j's PostgreSQL store: one row per API key, its serialized bucket state, locked with SELECT … FOR UPDATE.
-- expires_at lets idle buckets be deleted; a deleted bucket is recreated full, which is what an idle key has anyway.
CREATE TABLE rate_limit_buckets (
    id          TEXT    PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX rate_limit_buckets_expires_at ON rate_limit_buckets (expires_at);
