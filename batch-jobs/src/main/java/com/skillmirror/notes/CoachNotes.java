package com.skillmirror.notes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The one writer of {@code coach_note}: a video's notes, in time order on the video. */
@Repository
public class CoachNotes {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public CoachNotes(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Thrown when a video already holds {@link NoteDraft#MAX_PER_VIDEO} notes. */
    public static final class TooManyNotesException extends RuntimeException {
        TooManyNotesException(UUID videoId) {
            super(message(videoId));
        }

        /** The one wording of the refusal, also for callers that check the count before drawing the frame. */
        public static String message(UUID videoId) {
            return "Video " + videoId + " already has " + NoteDraft.MAX_PER_VIDEO + " notes, the most a video holds."
                    + " Delete notes you no longer need, then add this one again.";
        }
    }

    public int count(UUID videoId) {
        return jdbc.sql("SELECT count(*) FROM coach_note WHERE video_id = ?").param(videoId).query(Integer.class)
                .single();
    }

    /**
     * Stores the note unless the video is full. The count and the insert are one transaction under a lock on the
     * video's notes, so two coaches adding the 200th note at once store one of them.
     *
     * @throws TooManyNotesException when the video already has the most notes it may hold
     */
    public CoachNote add(UUID noteId, UUID videoId, UUID authorId, String author, NoteDraft draft) {
        return transactions.execute(tx -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('coach_note'), hashtext(?))").param(videoId.toString())
                    .query().listOfRows();
            if (count(videoId) >= NoteDraft.MAX_PER_VIDEO) {
                throw new TooManyNotesException(videoId);
            }
            jdbc.sql("""
                    INSERT INTO coach_note (id, video_id, author_id, author_name, kind, time_ms, points, text, angle_deg)
                    VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")
                    .params(noteId, videoId, authorId, author, draft.kind().name(), draft.timeMs(),
                            pointsJson(draft.points()), draft.text(), draft.angleDeg())
                    .update();
            return find(videoId, noteId).orElseThrow();
        });
    }

    /**
     * The video's notes in time order on the video (as the player, the report and the export show them); notes at
     * the same time oldest first.
     */
    public List<CoachNote> list(UUID videoId) {
        return jdbc.sql(SELECT + " WHERE video_id = ? ORDER BY time_ms, created_at, id").param(videoId)
                .query(CoachNotes::note).list();
    }

    /** A note of this video; empty for another video's note (its id in this video's path finds nothing). */
    public Optional<CoachNote> find(UUID videoId, UUID noteId) {
        return jdbc.sql(SELECT + " WHERE video_id = ? AND id = ?").params(videoId, noteId)
                .query(CoachNotes::note).optional();
    }

    public boolean delete(UUID videoId, UUID noteId) {
        return jdbc.sql("DELETE FROM coach_note WHERE video_id = ? AND id = ?").params(videoId, noteId).update() > 0;
    }

    private static final String SELECT = "SELECT id, video_id, kind, time_ms, points::text AS points, text, angle_deg,"
            + " author_id, author_name, created_at FROM coach_note";

    private static CoachNote note(ResultSet rs, int row) throws SQLException {
        return new CoachNote(rs.getObject("id", UUID.class), rs.getObject("video_id", UUID.class),
                NoteKind.valueOf(rs.getString("kind")), rs.getLong("time_ms"), parsePoints(rs.getString("points")),
                rs.getString("text"), rs.getObject("angle_deg", Double.class), rs.getObject("author_id", UUID.class),
                rs.getString("author_name"), rs.getTimestamp("created_at").toInstant());
    }

    /** [[x,y],...] with 4 decimals: written here only, so read back by the same simple rule. */
    static String pointsJson(List<double[]> points) {
        StringBuilder out = new StringBuilder("[");
        for (double[] p : points) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT, "[%.4f,%.4f]", p[0], p[1]));
        }
        return out.append(']').toString();
    }

    static List<double[]> parsePoints(String json) {
        List<double[]> out = new ArrayList<>();
        String inner = json.replaceAll("\\s", "");
        if (inner.equals("[]")) {
            return out;
        }
        for (String pair : inner.substring(2, inner.length() - 2).split("\\],\\[")) {
            String[] xy = pair.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }
}
