package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.notes.CoachNote;
import com.skillmirror.notes.NoteKind;
import com.skillmirror.testsupport.TestClips;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotated frame is the picture shown at the note's time, with the drawing on it: on a made clip whose bright
 * square moves frame by frame, the square is where that frame has it, and the note's ink is where its points are.
 */
class NoteFramesTest {

    @TempDir
    Path tmp;

    @Test
    void theFrameAtTheNotesTimeCarriesTheDrawing() throws Exception {
        // 320x240 at 10 fps for 3 s: the 40 px square's left edge is at 280 * (0.5 + 0.45 sin(2 pi i / 30))
        Path clip = TestClips.video(tmp.resolve("square.mp4"), 320, 240, 10, 3, false, 0);
        CoachNote line = note(NoteKind.LINE, 1500, List.of(new double[] {0.1, 0.9}, new double[] {0.9, 0.9}), null,
                null);
        BufferedImage frame = ImageIO.read(new ByteArrayInputStream(NoteFrames.draw(clip, line)));
        assertThat(frame.getWidth()).isEqualTo(320);
        assertThat(frame.getHeight()).isEqualTo(240);
        // frame 15 has the square at x 140..180; frame 14 at 166..206, frame 16 at 114..154: only 15 covers both
        assertThat(white(frame.getRGB(145, 120))).as("left part of frame 15's square").isTrue();
        assertThat(white(frame.getRGB(175, 120))).as("right part of frame 15's square").isTrue();
        assertThat(white(frame.getRGB(200, 120))).as("where frame 14 had it").isFalse();
        // a player paused within frame 15 (1500..1600 ms) shows frame 15, as does the note made there
        BufferedImage within = ImageIO.read(new ByteArrayInputStream(NoteFrames.draw(clip,
                note(NoteKind.LINE, 1580, line.points(), null, null))));
        assertThat(white(within.getRGB(145, 120)) && white(within.getRGB(175, 120))).as("frame 15 at 1580 ms").isTrue();
        // the line's ink across the bottom, the picture elsewhere untouched
        assertThat(ink(frame.getRGB(160, 216))).as("the line at y = 0.9").isTrue();
        assertThat(ink(frame.getRGB(160, 60))).isFalse();

        CoachNote angle = note(NoteKind.ANGLE, 0, List.of(new double[] {0.2, 0.2}, new double[] {0.5, 0.5},
                new double[] {0.8, 0.2}), "knee", 90.0);
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(NoteFrames.draw(clip, angle)));
        assertThat(ink(drawn.getRGB(160, 120))).as("the vertex").isTrue();
        assertThat(ink(drawn.getRGB(112, 84))).as("halfway along the first arm").isTrue();
    }

    @Test
    void theReportEmbedsTheFrameAtMost640PixelsWide() throws Exception {
        Path clip = TestClips.video(tmp.resolve("wide.mp4"), 1280, 720, 10, 1, false, 0);
        byte[] full = NoteFrames.draw(clip, note(NoteKind.TEXT, 500, List.of(), "hips lower", null));
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(full));
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(NoteFrames.forReport(full)));
        assertThat(stored.getWidth()).isEqualTo(1280);
        assertThat(shown.getWidth()).isEqualTo(640);
        assertThat(shown.getHeight()).isEqualTo(360);
        byte[] small = NoteFrames.draw(TestClips.video(tmp.resolve("small.mp4"), 320, 240, 10, 1, false, 0),
                note(NoteKind.TEXT, 0, List.of(), "x", null));
        assertThat(NoteFrames.forReport(small)).as("already small enough: as stored").isSameAs(small);
    }

    @Test
    void longTextIsWrappedToAFewLinesEndingInAnEllipsis() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        var g = image.createGraphics();
        var metrics = g.getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        List<String> lines = NoteFrames.wrap("word ".repeat(100).strip(), metrics, 150, 4);
        g.dispose();
        assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(metrics.stringWidth(l.replace(" \u2026", "")))
                .isLessThanOrEqualTo(150));
        assertThat(lines.get(3)).endsWith("\u2026");
        assertThat(NoteFrames.wrap("x".repeat(400), metrics, 150, 4)).singleElement()
                .satisfies(l -> assertThat(metrics.stringWidth(l)).isLessThanOrEqualTo(150));
    }

    private static CoachNote note(NoteKind kind, long timeMs, List<double[]> points, String text, Double angle) {
        return new CoachNote(UUID.randomUUID(), UUID.randomUUID(), kind, timeMs, points, text, angle, null, "coach",
                Instant.now());
    }

    private static boolean white(int rgb) {
        return (rgb >> 16 & 255) > 200 && (rgb >> 8 & 255) > 200 && (rgb & 255) > 200;
    }

    /** The notes' yellow (255, 214, 10), give or take JPEG. */
    private static boolean ink(int rgb) {
        return (rgb >> 16 & 255) > 200 && (rgb >> 8 & 255) > 160 && (rgb & 255) < 110;
    }
}
