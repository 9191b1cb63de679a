package com.skillmirror.portal.notes;

import com.skillmirror.notes.CoachNote;
import com.skillmirror.portal.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coach's notes on a video, under /api (bearer) and /web (session with CSRF, for the player page): read by
 * whoever sees the video (the athlete too), written by the coaches of its team, deleted by their author or the
 * team's coaches.
 */
@RestController
@Tag(name = "notes", description = "Coach's notes on a video: a line, an angle or a text pinned to a time, with the"
        + " annotated frame; listed in the video's report and part of the athlete's export")
class CoachNoteController {

    /** A note is a few points and at most 500 characters: a body larger than this is not a note. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final CoachNoteService notes;
    private final JsonMapper json = JsonMapper.builder().build();

    CoachNoteController(CoachNoteService notes) {
        this.notes = notes;
    }

    @GetMapping({"/api/videos/{videoId}/notes", "/web/videos/{videoId}/notes"})
    @Operation(summary = "The video's notes, in time order on the video (at the same time, oldest first)")
    List<Map<String, Object>> list(@PathVariable UUID videoId, Actor actor, HttpServletRequest http) {
        String base = base(http);
        return notes.list(actor, videoId).stream().map(n -> NoteJson.of(n, base)).toList();
    }

    @PostMapping(path = {"/api/videos/{videoId}/notes", "/web/videos/{videoId}/notes"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a note: {\"timeMs\": 1500, \"kind\": \"LINE|ANGLE|TEXT\", \"points\": [[x,y],...],"
            + " \"text\": \"...\"}; LINE 2 points, ANGLE 3 (vertex in the middle), TEXT 0 or 1 and words; x,y in 0..1"
            + " of the picture, text at most 500 characters, at most 200 notes a video. Coaches of the video's team"
            + " only. The report is rendered again with the note before the answer.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CoachNoteService.NoteRequest.class))))
    ResponseEntity<Map<String, Object>> add(@PathVariable UUID videoId, Actor actor, HttpServletRequest http)
            throws IOException {
        // who may write is known before the body is looked at: an athlete's broken note is a 403, not a 400
        notes.requireWriter(actor, videoId);
        CoachNoteService.NoteRequest request = read(http);
        CoachNote note = notes.add(actor, videoId, request);
        return ResponseEntity.status(HttpStatus.CREATED).body(NoteJson.of(note, base(http)));
    }

    @DeleteMapping({"/api/videos/{videoId}/notes/{noteId}", "/web/videos/{videoId}/notes/{noteId}"})
    @Operation(summary = "Delete a note: its author, or a coach of the video's team")
    ResponseEntity<Void> delete(@PathVariable UUID videoId, @PathVariable UUID noteId, Actor actor)
            throws IOException {
        notes.delete(actor, videoId, noteId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/api/videos/{videoId}/notes/{noteId}/frame.jpg", "/web/videos/{videoId}/notes/{noteId}/frame.jpg"})
    @Operation(summary = "The note's annotated frame: the video's picture at the note's time with the drawing")
    ResponseEntity<byte[]> frame(@PathVariable UUID videoId, @PathVariable UUID noteId, Actor actor)
            throws IOException {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).header("Cache-Control", "private, max-age=300")
                .body(notes.frame(actor, videoId, noteId));
    }

    @ExceptionHandler(CoachNoteService.NoteConflictException.class)
    ResponseEntity<Map<String, String>> conflict(CoachNoteService.NoteConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Map<String, String>> tooLarge(BodyTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", e.getMessage()));
    }

    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("The note is over " + MAX_BODY_BYTES / 1024 + " KB; a note is a few points and at most 500"
                    + " characters of text. Nothing was stored.");
        }
    }

    /** The body, read no further than the limit, before anything else looks at it. */
    private CoachNoteService.NoteRequest read(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        if (body.length == 0) {
            throw new IllegalArgumentException("The body is empty: send the note as JSON, e.g. {\"timeMs\": 1500,"
                    + " \"kind\": \"TEXT\", \"points\": [[0.5,0.4]], \"text\": \"hips lower\"}.");
        }
        try {
            return json.readValue(body, CoachNoteService.NoteRequest.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not a note as JSON: {\"timeMs\": number, \"kind\":"
                    + " \"LINE|ANGLE|TEXT\", \"points\": [[x,y],...] (numbers 0..1), \"text\": \"...\"}.");
        }
    }

    private static String base(HttpServletRequest http) {
        return http.getRequestURI().startsWith(http.getContextPath() + "/web/") ? "/web" : "/api";
    }
}
