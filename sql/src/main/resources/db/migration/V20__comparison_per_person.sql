-- A team clip has several people: one comparison per person compared; a pattern from a published norm has no expert.
ALTER TABLE comparison ADD COLUMN person_id INT NOT NULL DEFAULT 0;
CREATE INDEX comparison_video ON comparison (video_id);
