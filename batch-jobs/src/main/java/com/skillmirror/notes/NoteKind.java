package com.skillmirror.notes;

/** What a note draws: a line (2 points), an angle (3 points, the vertex in the middle), or a text (0 or 1 pin). */
public enum NoteKind {
    LINE, ANGLE, TEXT
}
