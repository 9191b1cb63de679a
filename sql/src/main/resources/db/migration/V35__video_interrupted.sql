-- A video whose job stopped (a service away too long, the manager gone) before its results were stored is INTERRUPTED,
-- not COMPLETED or FAILED: it is still in the running, and a resume of the upload's job continues it.
ALTER TABLE video DROP CONSTRAINT video_status_check;
ALTER TABLE video ADD CONSTRAINT video_status_check
    CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'INTERRUPTED'));
