package com.skillmirror.report;

import com.skillmirror.notes.CoachNote;
import com.skillmirror.notes.NoteKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A coach's note burned into the video frame it was made on: the proxy frame at the note's time (the timeline the
 * player and the pose stage share) with the line, the angle (arms, arc and value) or the text pin drawn with Java2D.
 * Drawn once when the note is made, so the report and the athlete see what the coach drew, as a JPEG.
 */
public final class NoteFrames {

    private static final Color INK = new Color(255, 214, 10);
    private static final Color OUTLINE = new Color(0, 0, 0, 200);
    private static final Color BOX = new Color(0, 0, 0, 170);

    private NoteFrames() {
    }

    /**
     * The annotated frame as a JPEG.
     *
     * @param proxy the video's proxy (the picture the note's points are normalised to)
     * @throws IOException when the proxy has no frame to draw on
     */
    public static byte[] draw(Path proxy, CoachNote note) throws IOException {
        BufferedImage image = frame(proxy, note.timeMs());
        paint(image, note);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpeg", out)) {
            throw new IOException("No JPEG writer for the annotated frame");
        }
        return out.toByteArray();
    }

    /** The widest a frame is shown in the report: 120 mm at 135 dpi; a video holds up to 200 notes. */
    static final int REPORT_WIDTH = 640;

    /**
     * The annotated frame as the report embeds it: at most {@link #REPORT_WIDTH} pixels wide, so 200 notes stay a
     * report of a few MB rather than tens. A JPEG that cannot be read is returned as it is.
     */
    public static byte[] forReport(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        if (image == null || image.getWidth() <= REPORT_WIDTH) {
            return jpeg;
        }
        int height = Math.max(1, Math.round(image.getHeight() * (float) REPORT_WIDTH / image.getWidth()));
        BufferedImage small = new BufferedImage(REPORT_WIDTH, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, REPORT_WIDTH, height, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpeg", out);
        return out.toByteArray();
    }

    /**
     * The frame a player shows at {@code timeMs}: the last one starting at or before it (a millisecond of slack for
     * the time's rounding to whole ms), the first for time 0.
     */
    static BufferedImage frame(Path proxy, long timeMs) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(proxy.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            long shownUs = timeMs * 1000 + 1000;
            // seek a little before (FFmpeg lands on the keyframe before it), then decode up to the frame
            if (timeMs > 1000) {
                grabber.setTimestamp(timeMs * 1000 - 1_000_000);
            }
            BufferedImage last = null;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (last != null && frame.timestamp > shownUs) {
                    break;
                }
                last = copy(converter.convert(frame));
                if (frame.timestamp > shownUs) {
                    break; // the seek landed past the time: its first frame is the nearest there is
                }
            }
            if (last == null) {
                throw new IOException("No frame could be decoded from the video at " + timeMs + " ms");
            }
            return last;
        }
    }

    /** Draws the note on the picture; its points are 0..1 of the picture's width and height. */
    static void paint(BufferedImage image, CoachNote note) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int w = image.getWidth();
            int h = image.getHeight();
            float stroke = Math.max(2.5f, Math.min(w, h) / 160f);
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.round(Math.min(w, h) / 24f)));
            g.setFont(font);
            List<double[]> px = new ArrayList<>();
            note.points().forEach(p -> px.add(new double[] {p[0] * w, p[1] * h}));
            switch (note.kind()) {
                case LINE -> outlined(g, new Line2D.Double(px.get(0)[0], px.get(0)[1], px.get(1)[0], px.get(1)[1]),
                        stroke);
                case ANGLE -> angle(g, px, note.angleDeg(), stroke);
                case TEXT -> {
                    if (!px.isEmpty()) {
                        double r = stroke * 2.5;
                        Shape pin = new Ellipse2D.Double(px.get(0)[0] - r, px.get(0)[1] - r, 2 * r, 2 * r);
                        g.setColor(OUTLINE);
                        g.setStroke(new BasicStroke(stroke));
                        g.draw(pin);
                        g.setColor(INK);
                        g.fill(pin);
                    }
                }
            }
            for (double[] p : note.kind() == NoteKind.TEXT ? List.<double[]>of() : px) {
                dot(g, p, stroke * 1.6);
            }
            if (note.text() != null) {
                double[] at = px.isEmpty() ? new double[] {w * 0.04, h * 0.06} : px.get(0);
                textBox(g, note.text(), at, w, h);
            }
        } finally {
            g.dispose();
        }
    }

    private static void angle(Graphics2D g, List<double[]> px, Double angleDeg, float stroke) {
        double[] a = px.get(0);
        double[] v = px.get(1);
        double[] b = px.get(2);
        Path2D arms = new Path2D.Double();
        arms.moveTo(a[0], a[1]);
        arms.lineTo(v[0], v[1]);
        arms.lineTo(b[0], b[1]);
        outlined(g, arms, stroke);
        // Java2D's arc angles turn counterclockwise on screen (y down), hence the minus on y
        double startA = Math.toDegrees(Math.atan2(-(a[1] - v[1]), a[0] - v[0]));
        double startB = Math.toDegrees(Math.atan2(-(b[1] - v[1]), b[0] - v[0]));
        double extent = startB - startA;
        while (extent > 180) {
            extent -= 360;
        }
        while (extent <= -180) {
            extent += 360;
        }
        double r = Math.max(stroke * 4, Math.min(Math.hypot(a[0] - v[0], a[1] - v[1]),
                Math.hypot(b[0] - v[0], b[1] - v[1])) / 3);
        outlined(g, new Arc2D.Double(v[0] - r, v[1] - r, 2 * r, 2 * r, startA, extent, Arc2D.OPEN), stroke * 0.8f);
        if (angleDeg != null) {
            // the value outside the arc, on the bisector
            double mid = Math.toRadians(startA + extent / 2);
            double lx = v[0] + Math.cos(mid) * (r + stroke * 4);
            double ly = v[1] - Math.sin(mid) * (r + stroke * 4);
            String label = String.format(Locale.ROOT, "%.1f\u00b0", angleDeg);
            FontMetrics m = g.getFontMetrics();
            label(g, label, lx - m.stringWidth(label) / 2.0, ly + m.getAscent() / 2.0);
        }
    }

    private static void textBox(Graphics2D g, String text, double[] at, int w, int h) {
        Font small = g.getFont().deriveFont(Font.PLAIN, Math.max(11f, g.getFont().getSize2D() * 0.75f));
        g.setFont(small);
        FontMetrics m = g.getFontMetrics();
        int maxWidth = (int) (w * 0.6);
        List<String> lines = wrap(text, m, maxWidth, 4);
        int lineHeight = m.getHeight();
        int boxW = lines.stream().mapToInt(m::stringWidth).max().orElse(0) + lineHeight;
        int boxH = lines.size() * lineHeight + lineHeight / 2;
        double x = Math.min(Math.max(0, at[0] + lineHeight / 2.0), w - boxW);
        double y = at[1] + lineHeight / 2.0;
        if (y + boxH > h) {
            y = Math.max(0, at[1] - boxH - lineHeight / 2.0);
        }
        g.setColor(BOX);
        g.fill(new RoundRectangle2D.Double(x, y, boxW, boxH, lineHeight / 2.0, lineHeight / 2.0));
        g.setColor(Color.WHITE);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), (float) (x + lineHeight / 2.0), (float) (y + lineHeight / 4.0 + m.getAscent()
                    + i * lineHeight));
        }
    }

    /** Words wrapped to the width, at most {@code maxLines} lines (the last ends in an ellipsis when cut). */
    static List<String> wrap(String text, FontMetrics m, int maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split("[ \t]+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (m.stringWidth(candidate) <= maxWidth || line.isEmpty()) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String fitted = line;
            while (m.stringWidth(fitted) > maxWidth && fitted.length() > 1) {
                fitted = fitted.substring(0, fitted.length() - 1);
            }
            out.add(fitted);
        }
        if (out.size() > maxLines) {
            List<String> cut = new ArrayList<>(out.subList(0, maxLines));
            cut.set(maxLines - 1, cut.get(maxLines - 1) + " \u2026");
            return cut;
        }
        return out;
    }

    private static void outlined(Graphics2D g, Shape shape, float stroke) {
        g.setColor(OUTLINE);
        g.setStroke(new BasicStroke(stroke * 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
        g.setColor(INK);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    private static void dot(Graphics2D g, double[] p, double r) {
        Shape dot = new Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r);
        g.setColor(OUTLINE);
        g.fill(new Ellipse2D.Double(p[0] - r - 1.5, p[1] - r - 1.5, 2 * r + 3, 2 * r + 3));
        g.setColor(INK);
        g.fill(dot);
    }

    private static void label(Graphics2D g, String text, double x, double y) {
        FontMetrics m = g.getFontMetrics();
        g.setColor(BOX);
        g.fill(new RoundRectangle2D.Double(x - 4, y - m.getAscent() - 2, m.stringWidth(text) + 8, m.getHeight() + 4,
                8, 8));
        g.setColor(INK);
        g.drawString(text, (float) x, (float) y);
    }

    private static BufferedImage copy(BufferedImage source) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics g = out.getGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return out;
    }
}
