-- SkillMirror schema. PostgreSQL dialect; the embedded default runs a real PostgreSQL too.

CREATE TABLE team (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(200),
    role          VARCHAR(20) NOT NULL CHECK (role IN ('ATHLETE', 'COACH', 'EXPERT', 'ADMIN')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE team_member (
    team_id  UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id  UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE athlete (
    id          UUID PRIMARY KEY,
    team_id     UUID REFERENCES team (id) ON DELETE SET NULL,
    user_id     UUID REFERENCES app_user (id) ON DELETE SET NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX athlete_team_name ON athlete (COALESCE(team_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

CREATE TABLE skill (
    id          VARCHAR(64) PRIMARY KEY,             -- kebab-case, e.g. squat, golf-swing
    version     INT NOT NULL DEFAULT 1,
    name        VARCHAR(200) NOT NULL,
    definition  JSONB NOT NULL DEFAULT '{}'::jsonb,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE upload (
    id           UUID PRIMARY KEY,
    team_id      UUID REFERENCES team (id) ON DELETE SET NULL,
    created_by   UUID REFERENCES app_user (id) ON DELETE SET NULL,
    status       VARCHAR(20) NOT NULL CHECK (status IN ('RECEIVED', 'RUNNING', 'COMPLETED', 'PARTIAL', 'FAILED')),
    job_execution_id BIGINT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);

CREATE TABLE video (
    id              UUID PRIMARY KEY,
    upload_id       UUID NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    position        INT NOT NULL,
    original_name   VARCHAR(1024) NOT NULL,   -- as the user named it; never used as a path
    storage_key     VARCHAR(1024) NOT NULL,
    size_bytes      BIGINT NOT NULL,
    athlete_id      UUID REFERENCES athlete (id) ON DELETE SET NULL,
    athlete_name    VARCHAR(200),
    skill_id        VARCHAR(64),
    status          VARCHAR(20) NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
    failed_stage    VARCHAR(20),
    error_message   TEXT,
    -- filled by the decode stage
    container       VARCHAR(100),
    video_codec     VARCHAR(100),
    audio_codec     VARCHAR(100),
    width           INT,
    height          INT,
    rotation        INT,
    duration_ms     BIGINT,
    source_fps      DOUBLE PRECISION,
    variable_fps    BOOLEAN,
    has_audio       BOOLEAN,
    proxy_fps       DOUBLE PRECISION,
    proxy_frames    INT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (upload_id, position)
);
CREATE INDEX video_upload ON video (upload_id);

-- One row per video and stage: its outcome and a JSON summary; large arrays live in object storage.
CREATE TABLE stage_result (
    video_id     UUID NOT NULL REFERENCES video (id) ON DELETE CASCADE,
    stage        VARCHAR(20) NOT NULL,
    status       VARCHAR(20) NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED')),
    summary      JSONB,
    error_message TEXT,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, stage)
);

-- Outputs a stage wrote to object storage (proxy, audio, thumbnails, landmark series, ...).
CREATE TABLE artifact (
    video_id     UUID NOT NULL REFERENCES video (id) ON DELETE CASCADE,
    kind         VARCHAR(40) NOT NULL,
    storage_key  VARCHAR(1024) NOT NULL,
    content_type VARCHAR(100),
    size_bytes   BIGINT,
    PRIMARY KEY (video_id, kind)
);

CREATE TABLE expert (
    id           UUID PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    achievements TEXT,
    credits      TEXT,
    footage_licence VARCHAR(200),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE expert_pattern (
    id           UUID PRIMARY KEY,
    expert_id    UUID REFERENCES expert (id) ON DELETE CASCADE,
    skill_id     VARCHAR(64) NOT NULL REFERENCES skill (id),
    version      INT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    source       VARCHAR(20) NOT NULL CHECK (source IN ('VIDEO', 'PUBLISHED_NORM')),
    storage_key  VARCHAR(1024),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (skill_id, expert_id, version),
    UNIQUE (content_hash)
);

CREATE TABLE comparison (
    id           UUID PRIMARY KEY,
    video_id     UUID NOT NULL REFERENCES video (id) ON DELETE CASCADE,
    pattern_id   UUID NOT NULL REFERENCES expert_pattern (id) ON DELETE CASCADE,
    score        DOUBLE PRECISION,
    result       JSONB,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       VARCHAR(100),
    action      VARCHAR(60) NOT NULL,
    target      VARCHAR(200),
    detail      TEXT
);
