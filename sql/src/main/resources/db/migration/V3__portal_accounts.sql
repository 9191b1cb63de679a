-- Portal accounts and access: refresh tokens (stored hashed, rotated, revocable), team invites, and the
-- indexes the ownership checks run on.

-- A refresh token is shown to the client once; only its SHA-256 is kept. Each refresh replaces the token with
-- a new one of the same family; presenting a replaced token again revokes the whole family (theft detection).
CREATE TABLE refresh_token (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id    UUID NOT NULL,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    replaced_by  UUID
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- An invite link into a team; like refresh tokens, only the hash of the link's token is kept.
CREATE TABLE team_invite (
    token_hash   VARCHAR(64) PRIMARY KEY,
    team_id      UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    role         VARCHAR(20) NOT NULL CHECK (role IN ('ATHLETE', 'COACH', 'EXPERT')),
    athlete_id   UUID REFERENCES athlete (id) ON DELETE CASCADE,
    created_by   UUID REFERENCES app_user (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    used_by      UUID REFERENCES app_user (id) ON DELETE SET NULL
);

CREATE INDEX upload_team ON upload (team_id);
CREATE INDEX upload_created_by ON upload (created_by);
CREATE INDEX video_athlete ON video (athlete_id);
CREATE INDEX athlete_user ON athlete (user_id);
CREATE INDEX team_member_user ON team_member (user_id);
CREATE INDEX audit_log_at ON audit_log (at);
