package com.skillmirror.portal.notes;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.notes.CoachNote;
import com.skillmirror.notes.CoachNotes;
import com.skillmirror.notes.NoteDraft;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.RateLimiter;
import com.skillmirror.report.NoteFrames;
import com.skillmirror.report.VideoReports;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The coach's notes on a video: who may read and write them, the annotated frame drawn once when a note is made,
 * and the report rendered again (in the request: a second or two for a short clip) when a note is added or removed,
 * so the report always lists the notes the video has.
 */
@Service
class CoachNoteService {

    static final String NOTE_ADDED = "NOTE_ADDED";

    private static final Logger log = LoggerFactory.getLogger(CoachNoteService.class);

    /** A note the video cannot take now (not decoded yet, no proxy, full): 409 with what to do. */
    static final class NoteConflictException extends RuntimeException {
        NoteConflictException(String message) {
            super(message);
        }
    }

    /** A note as sent; every field is checked by {@link NoteDraft#of}. */
    record NoteRequest(Long timeMs, String kind, List<List<Double>> points, String text) {
    }

    private final CoachNotes notes;
    private final AccessPolicy access;
    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final VideoReports reports;
    private final AuditLog audit;
    private final RateLimiter limiter;

    CoachNoteService(CoachNotes notes, AccessPolicy access, VideoRepository videos, StageResults results,
                     ObjectStorage storage, VideoReports reports, AuditLog audit, RateLimiter limiter) {
        this.notes = notes;
        this.access = access;
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.reports = reports;
        this.audit = audit;
        this.limiter = limiter;
    }

    List<CoachNote> list(Actor actor, UUID videoId) {
        access.requireVideo(actor, videoId);
        return notes.list(videoId);
    }

    /**
     * Whether the actor may write notes on the video: checked before the body is read, so whoever may not write
     * learns that (403, or 404 for a video they cannot see) rather than what is wrong with the note they sent.
     */
    void requireWriter(Actor actor, UUID videoId) {
        access.requireVideo(actor, videoId);
        access.requireManageVideo(actor, videoId);
    }

    CoachNote add(Actor actor, UUID videoId, NoteRequest request) throws IOException {
        requireWriter(actor, videoId);
        if (request == null) {
            throw new IllegalArgumentException("Send the note as JSON: {\"timeMs\": 1500, \"kind\": \"ANGLE\","
                    + " \"points\": [[x,y],[x,y],[x,y]], \"text\": \"...\"}.");
        }
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        DecodeResult decoded = results.result(videoId, DecodeResult.STAGE_RESULT).orElseThrow(() ->
                new NoteConflictException("Video " + videoId + " has not been decoded yet: notes are drawn on the"
                        + " analysed picture. Wait for its analysis to get past decoding, then add the note."));
        DecodeResult.Proxy proxy = decoded.proxy();
        if (proxy == null || proxy.fps() <= 0 || proxy.frames() <= 0) {
            throw new NoteConflictException("Video " + videoId + " has no analysed picture to draw on (its decoding"
                    + " made no proxy). Upload the video again.");
        }
        // the player's clock runs to the end of the last frame; a time there is rounded to whole ms
        long durationMs = (long) Math.ceil(proxy.frames() * 1000.0 / proxy.fps());
        NoteDraft draft = NoteDraft.of(request.kind(), request.timeMs(), request.points(), request.text(), durationMs,
                proxy.width(), proxy.height());
        // spares drawing a frame for a full video; CoachNotes.add checks again under its lock
        if (notes.count(videoId) >= NoteDraft.MAX_PER_VIDEO) {
            throw new NoteConflictException(CoachNotes.TooManyNotesException.message(videoId));
        }
        limiter.noteChange(actor);
        UUID noteId = UUID.randomUUID();
        byte[] frame = frame(video, new CoachNote(noteId, videoId, draft.kind(), draft.timeMs(), draft.points(),
                draft.text(), draft.angleDeg(), actor.id(), actor.username(), Instant.now()));
        // the frame first, then the row: a listed note always has its frame, and a frame whose row is not stored
        // (the video full or erased meanwhile, the database failing) is deleted again
        String frameKey = frameKey(video, noteId);
        storage.put(frameKey, frame, "image/jpeg");
        CoachNote note;
        try {
            note = notes.add(noteId, videoId, actor.id(), actor.username(), draft);
        } catch (CoachNotes.TooManyNotesException e) {
            deleteFrame(frameKey, e);
            throw new NoteConflictException(e.getMessage());
        } catch (RuntimeException e) {
            deleteFrame(frameKey, e);
            if (videos.find(videoId).isEmpty()) {
                throw new NotFoundException("No video " + videoId + ": it was deleted while the note was being"
                        + " added. Nothing was stored.");
            }
            throw e;
        }
        // erased between the insert and now: the erasure may have listed the video's files before this frame was
        // stored, so it is deleted here (its row went with the video)
        if (videos.find(videoId).isEmpty()) {
            deleteFrame(frameKey, null);
            throw new NotFoundException("No video " + videoId + ": it was deleted while the note was being added.");
        }
        audit.record(actor.username(), NOTE_ADDED, "video:" + videoId, "note " + noteId + ", " + draft.kind()
                + " at " + draft.timeMs() + " ms");
        renderReport(videoId);
        return note;
    }

    void delete(Actor actor, UUID videoId, UUID noteId) throws IOException {
        access.requireVideo(actor, videoId);
        CoachNote note = notes.find(videoId, noteId).orElseThrow(() -> missing(videoId, noteId));
        if (!Objects.equals(note.authorId(), actor.id())) {
            access.requireManageVideo(actor, videoId);
        }
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        limiter.noteChange(actor);
        if (!notes.delete(videoId, noteId)) {
            throw missing(videoId, noteId);
        }
        // the note is gone either way: a frame left behind is invisible (nothing lists it) and goes with the video
        try {
            storage.delete(frameKey(video, noteId));
        } catch (IOException | RuntimeException e) {
            log.warn("Annotated frame of deleted note {} of video {} not deleted from storage; it is removed with the"
                    + " video's files", noteId, videoId, e);
        }
        audit.record(actor.username(), AuditLog.DELETE, "video:" + videoId, "note " + noteId + " by "
                + note.author());
        renderReport(videoId);
    }

    /** A frame whose note was not stored; a failure here leaves an unlisted file that goes with the video's files. */
    private void deleteFrame(String key, Exception cause) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            log.warn("Annotated frame {} of a note not stored was not deleted; it goes with the video's files", key, e);
        }
    }

    /** The annotated frame (JPEG). */
    byte[] frame(Actor actor, UUID videoId, UUID noteId) throws IOException {
        access.requireVideo(actor, videoId);
        notes.find(videoId, noteId).orElseThrow(() -> missing(videoId, noteId));
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        try (InputStream in = storage.get(frameKey(video, noteId))) {
            return in.readAllBytes();
        }
    }

    private byte[] frame(Video video, CoachNote note) throws IOException {
        Path proxy = Files.createTempFile("skillmirror-note-proxy-", ".mp4");
        try {
            if (!results.download(video.id(), Artifact.PROXY, proxy)) {
                throw new NoteConflictException("Video " + video.id() + " has no analysed picture to draw on yet."
                        + " Wait for its decoding to finish, then add the note.");
            }
            return NoteFrames.draw(proxy, note);
        } finally {
            Files.deleteIfExists(proxy);
        }
    }

    /** The report lists the notes: rendered again now; a failure leaves the note and the previous report. */
    private void renderReport(UUID videoId) {
        try {
            reports.renderAgain(videoId);
        } catch (Exception e) {
            log.warn("Report of video {} not rendered again after its notes changed; it shows the notes as they"
                    + " were at its last rendering", videoId, e);
        }
    }

    private static String frameKey(Video video, UUID noteId) {
        return StorageKeys.coachNoteFrame(video.uploadId(), video.id(), noteId);
    }

    private static NotFoundException missing(UUID videoId, UUID noteId) {
        return new NotFoundException("No note " + noteId + " on video " + videoId + ". List the video's notes at"
                + " .../videos/" + videoId + "/notes.");
    }
}
