package com.skillmirror.notes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored note.
 *
 * @param points   x,y pairs in 0..1 of the athlete picture (top left origin)
 * @param text     the coach's words as typed (escaped wherever shown); null for a line or angle without words
 * @param angleDeg an angle note's angle measured in picture pixels, 1 decimal; null for other kinds
 * @param authorId the coach's account; null once that account is deleted (the name stays)
 */
public record CoachNote(UUID id, UUID videoId, NoteKind kind, long timeMs, List<double[]> points, String text,
        Double angleDeg, UUID authorId, String author, Instant createdAt) {

    public CoachNote {
        points = List.copyOf(points);
    }
}
