-- The coach's notes on a video (issue 13): a line, an angle or a text pinned to a time of the analysed video (its
-- proxy's timeline). Points are normalised to the picture (0..1 from the top left) as JSON [[x,y],...]; the annotated
-- frame is stored beside the video's other objects (StorageKeys.coachNoteFrame), so erasing the video's objects
-- erases it. The author's name is kept with the note: it is shown to the athlete even after the coach's account goes.
CREATE TABLE coach_note (
    id          UUID PRIMARY KEY,
    video_id    UUID NOT NULL REFERENCES video (id) ON DELETE CASCADE,
    author_id   UUID REFERENCES app_user (id) ON DELETE SET NULL,
    author_name VARCHAR(100) NOT NULL,
    kind        VARCHAR(10) NOT NULL CHECK (kind IN ('LINE', 'ANGLE', 'TEXT')),
    time_ms     BIGINT NOT NULL CHECK (time_ms >= 0),
    points      JSONB NOT NULL,
    text        VARCHAR(500),
    angle_deg   DOUBLE PRECISION CHECK (angle_deg IS NULL OR angle_deg BETWEEN 0 AND 180),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT coach_note_angle CHECK ((kind = 'ANGLE') = (angle_deg IS NOT NULL)),
    CONSTRAINT coach_note_text CHECK (kind <> 'TEXT' OR (text IS NOT NULL AND length(text) > 0))
);
CREATE INDEX coach_note_video ON coach_note (video_id, created_at);
