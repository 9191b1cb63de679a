/**
 * The coach's notes on a video (issue 13): a line, an angle or a text pinned to a time of the analysed video, with
 * the rules a note must keep ({@link com.skillmirror.notes.NoteDraft}) and the one writer of {@code coach_note}
 * ({@link com.skillmirror.notes.CoachNotes}). Core: the report stage reads notes to list them, the portal writes them.
 */
package com.skillmirror.notes;
