package com.skillmirror.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each frame of the take lies in the skill's pattern: the DTW warping path the score was measured along (no
 * second alignment), for a player that shows the athlete and the expert in step. Stored inside {@link Comparison}
 * (absent in comparisons stored before it existed: those are compared again to get it).
 *
 * <p>Kept small: the path holds many aligned samples per frame (take and pattern are resampled to one length), so it
 * is decimated to one point per take frame and span, at the mean pattern position of that frame's samples; a DTW
 * path never goes back in either index, so the positions stay monotone.
 *
 * <p>For a set of repetitions the score is theirs (each compared on its own), and so is the alignment: one span per
 * repetition compared (see {@link Comparison#withRepetitions}).
 *
 * @param spans  per aligned stretch (the whole take, one cycle of a cyclic skill, or one repetition of a set), in
 *               take order
 * @param phases per phase of the skill and span, the take frames the phase's pattern stretch was aligned to
 */
public record Alignment(List<Span> spans, List<PhaseSpan> phases) {

    /**
     * One aligned stretch as parallel arrays.
     *
     * @param frames    take frame indices (rows of the take's kinematic series = pose series frames), increasing
     * @param positions the pattern position (0..1, pattern sample k of n is k/(n-1)) of each frame, non-decreasing
     */
    public record Span(int[] frames, double[] positions) {

        // arrays compare by content: a span read back from storage equals the one written
        @Override
        public boolean equals(Object o) {
            return o instanceof Span s && java.util.Arrays.equals(frames, s.frames)
                    && java.util.Arrays.equals(positions, s.positions);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(frames) + java.util.Arrays.hashCode(positions);
        }

        @Override
        public String toString() {
            return "Span[" + frames.length + " frames " + (frames.length == 0 ? "" : frames[0] + ".."
                    + frames[frames.length - 1]) + "]";
        }

        /** The pattern position of a take frame inside the span (linear between recorded frames), or NaN outside. */
        public double positionAt(double frame) {
            if (frames.length == 0 || frame < frames[0] || frame > frames[frames.length - 1]) {
                return Double.NaN;
            }
            for (int k = 1; k < frames.length; k++) {
                if (frame <= frames[k]) {
                    double t = (frame - frames[k - 1]) / (double) (frames[k] - frames[k - 1]);
                    return positions[k - 1] + t * (positions[k] - positions[k - 1]);
                }
            }
            return positions[positions.length - 1];
        }

        /** The first take frame aligned at or after a pattern position, or -1 when the span ends before it. */
        public double frameAt(double position) {
            for (int k = 0; k < frames.length; k++) {
                if (positions[k] >= position) {
                    if (k == 0) {
                        return frames[k];
                    }
                    // positions[k - 1] < position <= positions[k]: never a division by zero
                    double t = (position - positions[k - 1]) / (positions[k] - positions[k - 1]);
                    return frames[k - 1] + t * (frames[k] - frames[k - 1]);
                }
            }
            return -1;
        }
    }

    /**
     * @param span     the span's index in {@link Alignment#spans}
     * @param fromMs   {@code fromFrame} on the take's clock (frame / fps of the analysis)
     */
    public record PhaseSpan(String id, int span, int fromFrame, int toFrame, long fromMs, long toMs) {
    }

    /**
     * This alignment of a part of a take that starts at row {@code rows} of the whole take, in the whole take's
     * frames (a repetition compared on its own, see {@link Repetitions}).
     */
    Alignment shifted(int rows, double fps) {
        List<Span> s = new ArrayList<>();
        for (Span span : spans) {
            int[] f = span.frames().clone();
            for (int k = 0; k < f.length; k++) {
                f[k] += rows;
            }
            s.add(new Span(f, span.positions().clone()));
        }
        long ms = Math.round(rows * 1000.0 / fps);
        List<PhaseSpan> p = phases.stream().map(ph -> new PhaseSpan(ph.id(), ph.span(), ph.fromFrame() + rows,
                ph.toFrame() + rows, ph.fromMs() + ms, ph.toMs() + ms)).toList();
        return new Alignment(s, p);
    }

    /** The alignments of consecutive parts as one: their spans in order, each phase with its span's new index. */
    static Alignment joined(List<Alignment> parts) {
        List<Span> s = new ArrayList<>();
        List<PhaseSpan> p = new ArrayList<>();
        for (Alignment a : parts) {
            int base = s.size();
            s.addAll(a.spans());
            a.phases().forEach(ph -> p.add(new PhaseSpan(ph.id(), base + ph.span(), ph.fromFrame(), ph.toFrame(),
                    ph.fromMs(), ph.toMs())));
        }
        return new Alignment(s, p);
    }

    /** The span holding a take frame, or null. */
    public Span spanOf(double frame) {
        for (Span s : spans) {
            if (s.frames().length > 0 && frame >= s.frames()[0] && frame <= s.frames()[s.frames().length - 1]) {
                return s;
            }
        }
        return null;
    }

    /**
     * Decimates a warping path to one point per take frame.
     *
     * @param takeFrames per aligned take sample, its take frame (non-decreasing along the path)
     * @param patternIdx per aligned take sample, its pattern sample
     * @param patternLen aligned pattern length
     */
    static Span decimate(int[] takeFrames, int[] patternIdx, int patternLen) {
        List<int[]> frames = new ArrayList<>();
        List<Double> positions = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        double sum = 0;
        int n = 0;
        for (int k = 0; k < takeFrames.length; k++) {
            if (takeFrames[k] != current) {
                if (n > 0) {
                    frames.add(new int[] {current});
                    positions.add(sum / n);
                }
                current = takeFrames[k];
                sum = 0;
                n = 0;
            }
            sum += patternIdx[k] / (patternLen - 1.0);
            n++;
        }
        if (n > 0) {
            frames.add(new int[] {current});
            positions.add(sum / n);
        }
        int[] f = new int[frames.size()];
        double[] p = new double[frames.size()];
        double last = 0;
        for (int k = 0; k < f.length; k++) {
            f[k] = frames.get(k)[0];
            // rounded for storage; never below the previous one (rounding must not break monotony)
            last = Math.max(last, Math.round(positions.get(k) * 10_000) / 10_000.0);
            p[k] = last;
        }
        return new Span(f, p);
    }
}
