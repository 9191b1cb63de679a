-- Who the athlete is when several people are in view: the coach's point on the thumbnail, normalised (0..1 from the
-- top left), per video; both null when no point was given (then the athlete is the person who performs the movement).
ALTER TABLE video
    ADD COLUMN athlete_x double precision,
    ADD COLUMN athlete_y double precision,
    ADD CONSTRAINT video_athlete_point CHECK (
        (athlete_x IS NULL AND athlete_y IS NULL)
        OR (athlete_x BETWEEN 0 AND 1 AND athlete_y BETWEEN 0 AND 1));
