package com.skillmirror.pose.step;

import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.athlete.AthleteChoice;
import com.skillmirror.pose.overlay.OverlayRenderer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The frame the athlete was placed on (nearest the thumbnail time), skeletons drawn, the athlete's box on top. */
final class AthleteFrame {

    private static final int MAX_WIDTH = 640;
    private static final Color BOX = new Color(255, 196, 0);

    private AthleteFrame() {
    }

    static void write(Path proxy, PoseSeries series, AthleteChoice athlete, Path jpeg) throws IOException {
        BufferedImage frame = OverlayRenderer.keyFrameImage(proxy, series, athlete.frame());
        double scale = Math.min(1, MAX_WIDTH / (double) frame.getWidth());
        int w = (int) Math.round(frame.getWidth() * scale), h = (int) Math.round(frame.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(frame, 0, 0, w, h, null);
            double[] b = athlete.box();
            int pad = Math.max(3, w / 100);
            int x0 = (int) Math.round(b[0] * w) - pad, y0 = (int) Math.round(b[1] * h) - pad;
            int x1 = (int) Math.round(b[2] * w) + pad, y1 = (int) Math.round(b[3] * h) + pad;
            g.setColor(BOX);
            g.setStroke(new BasicStroke(Math.max(2, w / 220f)));
            g.drawRect(x0, y0, x1 - x0, y1 - y0);
            String label = "athlete (person " + athlete.personId() + ")";
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, w / 45)));
            int tw = g.getFontMetrics().stringWidth(label) + 8, th = g.getFontMetrics().getHeight();
            int ty = y0 - th >= 0 ? y0 - th : Math.min(h - th, y1);
            int tx = Math.max(0, Math.min(w - tw, x0));
            g.fillRect(tx, ty, tw, th);
            g.setColor(Color.BLACK);
            g.drawString(label, tx + 4, ty + g.getFontMetrics().getAscent());
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(out, "jpg", jpeg.toFile())) {
            throw new IOException("No JPEG writer for " + jpeg);
        }
    }
}
