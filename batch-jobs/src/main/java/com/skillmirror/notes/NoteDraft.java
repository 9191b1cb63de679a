package com.skillmirror.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A note as a coach sends it, checked before anything is read or stored: each refusal names the field and the rule,
 * so the page can show it as it is.
 *
 * @param angleDeg the angle at the middle point in picture pixels (the picture is rarely square, so normalised
 *                 coordinates would bend it), 1 decimal; null for a line or a text
 */
public record NoteDraft(NoteKind kind, long timeMs, List<double[]> points, String text, Double angleDeg) {

    /** The longest text, in characters (code points): a comment, not an essay; the report shows every one. */
    public static final int MAX_TEXT = 500;
    /** The most notes one video holds: beyond it the report and the player would drown in them. */
    public static final int MAX_PER_VIDEO = 200;

    public NoteDraft {
        points = List.copyOf(points);
    }

    /**
     * Checks a note against the video it is drawn on.
     *
     * @param durationMs the video's length on the proxy timeline (the note's time must fall inside it)
     * @param width      the proxy picture's width in pixels (for the angle)
     * @param height     its height
     * @throws IllegalArgumentException naming the field and the rule it breaks
     */
    public static NoteDraft of(String kind, Long timeMs, List<List<Double>> points, String text, long durationMs,
            int width, int height) {
        NoteKind k = kind(kind);
        if (timeMs == null) {
            throw new IllegalArgumentException("'timeMs' is missing: send the note's time in milliseconds of the"
                    + " video, 0 to " + durationMs + ".");
        }
        if (timeMs < 0 || timeMs > durationMs) {
            throw new IllegalArgumentException("'timeMs' must be within the video, 0 to " + durationMs + " ms; "
                    + timeMs + " is not.");
        }
        List<double[]> xy = points(k, points);
        String words = text(k, text);
        Double angle = k == NoteKind.ANGLE ? angle(xy, width, height) : null;
        return new NoteDraft(k, timeMs, xy, words, angle);
    }

    private static NoteKind kind(String kind) {
        if (kind == null) {
            throw new IllegalArgumentException("'kind' is missing: send LINE, ANGLE or TEXT.");
        }
        try {
            return NoteKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'kind' must be LINE, ANGLE or TEXT, not '" + printable(kind) + "'.");
        }
    }

    private static List<double[]> points(NoteKind kind, List<List<Double>> points) {
        List<List<Double>> given = points == null ? List.of() : points;
        boolean countOk = switch (kind) {
            case LINE -> given.size() == 2;
            case ANGLE -> given.size() == 3;
            case TEXT -> given.size() <= 1;
        };
        if (!countOk) {
            String wanted = switch (kind) {
                case LINE -> "exactly 2 points (its two ends)";
                case ANGLE -> "exactly 3 points (an end, the vertex, the other end)";
                case TEXT -> "0 or 1 point (where it is pinned)";
            };
            throw new IllegalArgumentException("'points': a " + kind + " note takes " + wanted + ", not "
                    + given.size() + ".");
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            List<Double> p = given.get(i);
            if (p == null || p.size() != 2 || p.get(0) == null || p.get(1) == null) {
                throw new IllegalArgumentException("'points[" + i + "]' must be a pair [x, y] of numbers.");
            }
            double x = p.get(0);
            double y = p.get(1);
            if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("'points[" + i + "]' must be within the picture: x and y between"
                        + " 0 and 1 from its top left, not [" + x + ", " + y + "].");
            }
            // 4 decimals: a tenth of a pixel on a 720p picture, and a stable stored form
            out.add(new double[] {Math.round(x * 10_000) / 10_000.0, Math.round(y * 10_000) / 10_000.0});
        }
        return out;
    }

    private static String text(NoteKind kind, String text) {
        String words = text == null ? "" : text.strip();
        if (words.codePointCount(0, words.length()) > MAX_TEXT) {
            throw new IllegalArgumentException("'text' must be at most " + MAX_TEXT + " characters, not "
                    + words.codePointCount(0, words.length()) + ": shorten it.");
        }
        // line breaks and tabs are writing; other control characters (NUL, escape sequences, C0/C1 codes) are not,
        // and would reach the report, the PDF and the audit log. Invisible format characters are refused too: bidi
        // overrides and isolates (U+202A-202E, U+2066-2069) make a note read differently from what is stored, and the
        // line and paragraph separators (U+2028/2029) break lines where the page and the PDF do not; only the joiners
        // (ZWNJ U+200C, ZWJ U+200D) are kept, as some scripts and emoji need them.
        for (int i = 0; i < words.length(); ) {
            int c = words.codePointAt(i);
            if (Character.isSurrogate(words.charAt(i)) && !Character.isSupplementaryCodePoint(c)) {
                throw new IllegalArgumentException("'text' holds a broken character at " + i + "; send valid text.");
            }
            if (!allowed(c)) {
                throw new IllegalArgumentException("'text' must not hold " + (Character.getType(c) == Character.CONTROL
                        ? "control characters" : "invisible format characters") + " (found U+"
                        + String.format(Locale.ROOT, "%04X", c) + " at character " + i + "); send plain text.");
            }
            i += Character.charCount(c);
        }
        if (kind == NoteKind.TEXT && words.isEmpty()) {
            throw new IllegalArgumentException("'text' is empty: a TEXT note needs words (at most " + MAX_TEXT
                    + " characters).");
        }
        return words.isEmpty() ? null : words.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Writing: anything but control and format characters, save line breaks, tabs and the two joiners. */
    private static boolean allowed(int c) {
        if (c == '\n' || c == '\t' || c == '\r' || c == 0x200C || c == 0x200D) {
            return true;
        }
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static Double angle(List<double[]> points, int width, int height) {
        double[] a = points.get(0);
        double[] v = points.get(1);
        double[] b = points.get(2);
        double ax = (a[0] - v[0]) * width;
        double ay = (a[1] - v[1]) * height;
        double bx = (b[0] - v[0]) * width;
        double by = (b[1] - v[1]) * height;
        double la = Math.hypot(ax, ay);
        double lb = Math.hypot(bx, by);
        if (la < 1 || lb < 1) {
            throw new IllegalArgumentException("'points': an ANGLE's ends must lie away from its vertex (the middle"
                    + " point), at least a pixel; move them apart.");
        }
        double cos = Math.max(-1, Math.min(1, (ax * bx + ay * by) / (la * lb)));
        return Math.round(Math.toDegrees(Math.acos(cos)) * 10) / 10.0;
    }

    /** A refused value echoed back, without control characters and bounded. */
    private static String printable(String s) {
        String clean = s.replaceAll("[\\p{Cc}\\p{Cf}\\u2028\\u2029]", "?");
        return clean.length() <= 20 ? clean : clean.substring(0, 20) + "...";
    }
}
