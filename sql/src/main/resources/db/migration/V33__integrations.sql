-- Integrations (issue 14): personal access tokens for API clients, and webhooks per team with a persistent outbox.

-- A personal access token: 'smp_' + public id + '_' + 256 random bits. Only the SHA-256 of the secret part is kept;
-- the public id finds the row (unique index), the hash is then compared in constant time. Scopes: read, upload,
-- admin (comma separated). Ends at expires_at or when revoked; deleting the account deletes its tokens.
CREATE TABLE personal_access_token (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    public_id    VARCHAR(24) NOT NULL UNIQUE,
    secret_hash  VARCHAR(64) NOT NULL,
    scopes       VARCHAR(40) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX personal_access_token_user ON personal_access_token (user_id, created_at);

-- A team's webhook: where to POST which events. The signing secret is stored encrypted (AES-GCM under a key
-- derived from the portal's token key), since the sender needs it back to sign.
CREATE TABLE webhook (
    id               UUID PRIMARY KEY,
    team_id          UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    url              VARCHAR(2000) NOT NULL,
    events           VARCHAR(100) NOT NULL,
    secret_encrypted VARCHAR(200) NOT NULL,
    created_by       UUID REFERENCES app_user (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_team ON webhook (team_id);

-- The events the analysis job emits (written where an upload ends, in the job's listener); the portal fans each out
-- into one delivery per webhook of the team that asked for it and existed when the event happened.
CREATE TABLE webhook_event (
    id         UUID PRIMARY KEY,
    team_id    UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    event      VARCHAR(40) NOT NULL CHECK (event IN ('analysis_complete', 'analysis_error', 'upload_finished')),
    payload    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_event_created ON webhook_event (created_at);

-- The outbox: one row per (webhook, event), claimed with FOR UPDATE SKIP LOCKED by any portal replica.
CREATE TABLE webhook_delivery (
    id               UUID PRIMARY KEY,
    webhook_id       UUID NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id         UUID NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    event            VARCHAR(40) NOT NULL,
    status           VARCHAR(12) NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_status_code INT,
    last_error       VARCHAR(300),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT webhook_delivery_once UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';

-- The delivery log: each attempt with its answer (a short cut of the body only).
CREATE TABLE webhook_attempt (
    delivery_id     UUID NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt         INT NOT NULL,
    status_code     INT,
    error           VARCHAR(300),
    response_start  VARCHAR(200),
    attempted_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ,
    PRIMARY KEY (delivery_id, attempt)
);
