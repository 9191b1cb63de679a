package com.skillmirror.pose.athlete;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import java.util.List;

/**
 * What a person's clothes look like in one frame, or on average over several: a colour histogram (4 x 4 x 4 RGB
 * bins, so light and dark clothes differ as much as colours do) of the torso box (shoulders to hips) and one of the
 * legs box (hips to ankles), from the frame's pixels under the landmarks. A region whose landmarks are hidden is
 * null. Clothes rarely change between leaving and re-entering the frame or across a cut, body position does.
 *
 * @param torso normalised histogram (sums to 1) or null
 * @param legs  normalised histogram (sums to 1) or null
 */
public record Appearance(float[] torso, float[] legs) {

    static final int BINS = 64;
    private static final float MIN_VISIBILITY = 0.5f;
    /** Enough pixels for a stable histogram, few enough to cost nothing beside the landmark model. */
    private static final int MAX_SAMPLES = 600;
    private static final int MIN_SAMPLES = 12;

    /** The appearance of one person in one packed RGB24 frame ({@code rgb[(y * width + x) * 3 + c]}). */
    public static Appearance measure(byte[] rgb, int width, int height, PersonPose person) {
        List<Landmark> l = person.landmarks();
        if (l.size() < PersonPose.LANDMARK_COUNT) {
            return new Appearance(null, null);
        }
        float[] torso = region(rgb, width, height, l, new int[] {11, 12, 23, 24}, 11, 12, 23, 24, 0.1);
        float[] legs = region(rgb, width, height, l, new int[] {23, 24, 25, 26, 27, 28}, 23, 24, 27, 28, 0.15);
        if (legs == null) { // ankles hidden: the thighs still say something
            legs = region(rgb, width, height, l, new int[] {23, 24, 25, 26}, 23, 24, 25, 26, 0.15);
        }
        return new Appearance(torso, legs);
    }

    /**
     * Histogram of the box spanning the given landmarks horizontally and from the mean of (top1, top2) to the mean
     * of (bottom1, bottom2) vertically, shrunk horizontally by {@code inset} of its width on each side (background).
     */
    private static float[] region(byte[] rgb, int width, int height, List<Landmark> l, int[] span, int top1, int top2,
                                  int bottom1, int bottom2, double inset) {
        for (int i : span) {
            if (l.get(i).visibility() < MIN_VISIBILITY) {
                return null;
            }
        }
        double x0 = 1, x1 = 0;
        for (int i : span) {
            x0 = Math.min(x0, l.get(i).x());
            x1 = Math.max(x1, l.get(i).x());
        }
        double y0 = (l.get(top1).y() + l.get(top2).y()) / 2;
        double y1 = (l.get(bottom1).y() + l.get(bottom2).y()) / 2;
        double w = x1 - x0;
        // a side view puts both hips on one line: widen to a body's width (a third of the box height)
        double minW = (y1 - y0) / 3;
        if (w < minW) {
            x0 -= (minW - w) / 2;
            x1 += (minW - w) / 2;
            w = minW;
        }
        x0 += w * inset;
        x1 -= w * inset;
        int px0 = clamp((int) Math.round(x0 * width), width), px1 = clamp((int) Math.round(x1 * width), width);
        int py0 = clamp((int) Math.round(y0 * height), height), py1 = clamp((int) Math.round(y1 * height), height);
        long area = (long) (px1 - px0) * (py1 - py0);
        if (px1 <= px0 || py1 <= py0 || area < MIN_SAMPLES) {
            return null;
        }
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) area / MAX_SAMPLES)));
        float[] hist = new float[BINS];
        int n = 0;
        for (int y = py0; y < py1; y += step) {
            for (int x = px0; x < px1; x += step) {
                int p = (y * width + x) * 3;
                int r = (rgb[p] & 0xff) >> 6, g = (rgb[p + 1] & 0xff) >> 6, b = (rgb[p + 2] & 0xff) >> 6;
                hist[(r << 4) | (g << 2) | b]++;
                n++;
            }
        }
        if (n < MIN_SAMPLES) {
            return null;
        }
        for (int i = 0; i < BINS; i++) {
            hist[i] /= n;
        }
        return hist;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** The mean appearance of several frames (regions averaged where present). */
    public static Appearance mean(List<Appearance> all) {
        return new Appearance(meanOf(all, true), meanOf(all, false));
    }

    private static float[] meanOf(List<Appearance> all, boolean torso) {
        float[] sum = new float[BINS];
        int n = 0;
        for (Appearance a : all) {
            float[] h = a == null ? null : torso ? a.torso : a.legs;
            if (h != null) {
                for (int i = 0; i < BINS; i++) {
                    sum[i] += h[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < BINS; i++) {
            sum[i] /= n;
        }
        return sum;
    }

    /**
     * How different two appearances are: 1 - the Bhattacharyya coefficient, averaged over the regions both have
     * (0 = same colours, 1 = nothing in common); NaN when they share no region.
     */
    public double distance(Appearance other) {
        double sum = 0;
        int n = 0;
        if (torso != null && other.torso != null) {
            sum += 1 - bhattacharyya(torso, other.torso);
            n++;
        }
        if (legs != null && other.legs != null) {
            sum += 1 - bhattacharyya(legs, other.legs);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double bhattacharyya(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < BINS; i++) {
            s += Math.sqrt((double) a[i] * b[i]);
        }
        return Math.min(1, s);
    }

    public boolean isEmpty() {
        return torso == null && legs == null;
    }
}
