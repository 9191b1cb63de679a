package com.skillmirror.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * A file arriving in an upload: its name as the user gave it, its size, how to read it, and its tags.
 *
 * @param athleteId the roster entry the file shows, when the uploader picked one: it must be on the upload's team
 * @param athleteName the athlete's name as shown (the roster name, or a name typed without a roster)
 * @param athletePoint who the athlete is when several people are in view: a point on the thumbnail; may be null
 */
public record IncomingFile(String originalName, long size, Opener content, UUID athleteId, String athleteName,
                           String skillId, AthletePoint athletePoint) {

    /** Without an athlete point. */
    public IncomingFile(String originalName, long size, Opener content, UUID athleteId, String athleteName,
                        String skillId) {
        this(originalName, size, content, athleteId, athleteName, skillId, null);
    }

    /** The same file with the coach's athlete point. */
    public IncomingFile withAthletePoint(AthletePoint point) {
        return new IncomingFile(originalName, size, content, athleteId, athleteName, skillId, point);
    }

    /** A file tagged with a typed athlete name only (the CLI, expert ingest, uploads without a team). */
    public IncomingFile(String originalName, long size, Opener content, String athleteName, String skillId) {
        this(originalName, size, content, null, athleteName, skillId);
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
