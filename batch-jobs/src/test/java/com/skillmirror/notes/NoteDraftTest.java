package com.skillmirror.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a note keeps, each refusal naming the field and the rule; the angle measured in picture pixels. */
class NoteDraftTest {

    @Test
    void anAngleIsMeasuredInPicturePixelsNotInNormalisedCoordinates() {
        // a right angle in normalised coordinates is not one on a 16:9 picture
        List<List<Double>> points = List.of(List.of(0.4, 0.2), List.of(0.4, 0.6), List.of(0.8, 0.2));
        NoteDraft square = NoteDraft.of("ANGLE", 100L, points, null, 1000, 720, 720);
        NoteDraft wide = NoteDraft.of("angle", 100L, points, null, 1000, 1280, 720);
        assertThat(square.angleDeg()).isEqualTo(45.0);
        double expected = Math.toDegrees(Math.atan2(0.4 * 1280, 0.4 * 720));
        assertThat(wide.angleDeg()).isEqualTo(Math.round(expected * 10) / 10.0).isNotEqualTo(45.0);
        assertThat(NoteDraft.of("ANGLE", 0L, List.of(List.of(0.0, 0.5), List.of(0.5, 0.5), List.of(1.0, 0.5)), null,
                1000, 640, 480).angleDeg()).isEqualTo(180.0);
    }

    @Test
    void pointsAreRoundedToATenthOfAPixelAndTextKeptAsTyped() {
        NoteDraft d = NoteDraft.of("TEXT", 1000L, List.of(List.of(0.123456, 0.987654)),
                "  <b>hips</b> lower\r\nnow  ", 1000, 640, 480);
        assertThat(d.points().get(0)).containsExactly(0.1235, 0.9877);
        assertThat(d.text()).isEqualTo("<b>hips</b> lower\nnow");
        assertThat(d.angleDeg()).isNull();
        assertThat(NoteDraft.of("LINE", 5L, List.of(List.of(0.0, 0.0), List.of(1.0, 1.0)), "", 5, 640, 480).text())
                .isNull();
        String longest = "é".repeat(NoteDraft.MAX_TEXT);
        assertThat(NoteDraft.of("TEXT", 0L, List.of(), longest, 5, 640, 480).text()).isEqualTo(longest);
        String emoji = "\uD83C\uDFC3".repeat(NoteDraft.MAX_TEXT);
        assertThat(NoteDraft.of("TEXT", 0L, List.of(), emoji, 5, 640, 480).text()).as("characters, not UTF-16 units")
                .isEqualTo(emoji);
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertRefused("TEXT", 0L, List.of(), "a".repeat(501), "'text' must be at most 500 characters");
        assertRefused("TEXT", 0L, List.of(), "esc \u001b[31m red", "control characters (found U+001B");
        assertRefused("TEXT", 0L, List.of(), "c1 \u0085 here", "control characters (found U+0085");
        assertRefused("TEXT", 0L, List.of(), "broken \uD83C", "broken character");
        assertRefused("TEXT", 0L, List.of(), null, "'text' is empty");
        assertRefused(null, 0L, List.of(), "x", "'kind' is missing");
        assertRefused("TEXT", null, List.of(), "x", "'timeMs' is missing");
        assertRefused("TEXT", 1001L, List.of(), "x", "'timeMs' must be within the video, 0 to 1000 ms");
        assertRefused("LINE", 0L, null, null, "exactly 2 points");
        assertRefused("LINE", 0L, List.of(List.of(0.5, 0.5), List.of(0.5, Double.NaN)), null, "'points[1]' must be within");
        assertRefused("LINE", 0L, List.of(List.of(0.5, 0.5), List.of(0.5, Double.POSITIVE_INFINITY)), null,
                "'points[1]' must be within");
        assertRefused("LINE", 0L, java.util.Arrays.asList(List.of(0.5, 0.5), null), null, "'points[1]' must be a pair");
        assertRefused("ANGLE", 0L, List.of(List.of(0.5, 0.5), List.of(0.5, 0.5), List.of(0.6, 0.5)), null,
                "away from its vertex");
    }

    @Test
    void invisibleFormatCharactersAreRefusedButTheJoinersKept() {
        // a bidi override makes "knee in" display reversed in the report while the stored text says otherwise
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertRefused("TEXT", 0L, List.of(), "knee " + Character.toString(c) + "ni eenk",
                    String.format("invisible format characters (found U+%04X at character 5)", c));
        }
        assertRefused("TEXT", 0L, List.of(), "one\u2028two", "(found U+2028");
        assertRefused("TEXT", 0L, List.of(), "one\u2029two", "(found U+2029");
        // other format characters: the right-to-left mark, a zero width space, the BOM, a soft hyphen, a tag
        assertRefused("TEXT", 0L, List.of(), "a\u200Fb", "(found U+200F");
        assertRefused("TEXT", 0L, List.of(), "a\u200Bb", "(found U+200B");
        assertRefused("TEXT", 0L, List.of(), "a\uFEFFb", "(found U+FEFF");
        assertRefused("TEXT", 0L, List.of(), "a\u00ADb", "(found U+00AD");
        assertRefused("TEXT", 0L, List.of(), "a" + Character.toString(0xE0041) + "b", "(found U+E0041 at character 1)");
        // a refused kind is echoed without them
        assertRefused("\u202ETEXT", 0L, List.of(), "x", "not '?TEXT'");
        // the joiners are writing: a family emoji (ZWJ) and a Persian word with a ZWNJ are kept as typed
        String family = "\uD83D\uDC69\u200D\uD83D\uDC67 good";
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        assertThat(NoteDraft.of("TEXT", 0L, List.of(), family, 5, 640, 480).text()).isEqualTo(family);
        assertThat(NoteDraft.of("TEXT", 0L, List.of(), persian, 5, 640, 480).text()).isEqualTo(persian);
        assertThat(NoteDraft.of("TEXT", 0L, List.of(), "right-to-left words \u05E9\u05DC\u05D5\u05DD", 5, 640, 480)
                .text()).endsWith("\u05E9\u05DC\u05D5\u05DD");
    }

    private static void assertRefused(String kind, Long timeMs, List<List<Double>> points, String text, String why) {
        assertThatThrownBy(() -> NoteDraft.of(kind, timeMs, points, text, 1000, 640, 480))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}
