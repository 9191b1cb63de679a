package com.skillmirror.portal.notes;

import com.skillmirror.notes.CoachNote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A note as the API, the player and the athlete's export show it (the contract's field names). */
public final class NoteJson {

    private NoteJson() {
    }

    /**
     * @param base "/web" or "/api": the frame's URL is under the same door the note was asked through; null leaves
     *             frameUrl out (the export names its file instead)
     */
    public static Map<String, Object> of(CoachNote note, String base) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", note.id());
        out.put("videoId", note.videoId());
        out.put("timeMs", note.timeMs());
        out.put("kind", note.kind().name());
        out.put("points", note.points().stream().map(p -> List.of(p[0], p[1])).toList());
        out.put("text", note.text());
        out.put("angleDeg", note.angleDeg());
        out.put("author", note.author());
        out.put("createdAt", note.createdAt().toString());
        if (base != null) {
            out.put("frameUrl", base + "/videos/" + note.videoId() + "/notes/" + note.id() + "/frame.jpg");
        }
        return out;
    }
}
