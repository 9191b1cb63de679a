-- The upload holding the analysed takes a pattern was built from: the report shows the expert's key frames from it
-- beside the athlete's. Deleting those takes leaves the pattern (it stands on its own curves).
ALTER TABLE expert_pattern ADD COLUMN takes_upload_id UUID REFERENCES upload (id) ON DELETE SET NULL;
