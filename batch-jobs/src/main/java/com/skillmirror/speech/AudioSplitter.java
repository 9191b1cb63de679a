package com.skillmirror.speech;

import java.util.ArrayList;
import java.util.List;

/** Cuts long audio into parts of at most N samples, each cut at the quietest 10 ms within the last fifth of a part. */
public final class AudioSplitter {

    private AudioSplitter() {
    }

    /** [startSec, endSec] parts covering the clip. */
    public static List<double[]> split(AudioClip clip, long maxSamples) {
        float[] x = clip.samples();
        int sr = clip.sampleRate();
        List<double[]> out = new ArrayList<>();
        if (x.length <= maxSamples) {
            out.add(new double[] {0, clip.durationSec()});
            return out;
        }
        int hop = Math.max(1, sr / 100);
        int start = 0;
        while (x.length - start > maxSamples) {
            int limit = (int) (start + maxSamples);
            int searchFrom = (int) (start + maxSamples * 4 / 5);
            int best = limit;
            double bestEnergy = Double.MAX_VALUE;
            for (int f = searchFrom; f + hop <= limit; f += hop) {
                double e = 0;
                for (int i = f; i < f + hop; i++) {
                    e += (double) x[i] * x[i];
                }
                if (e < bestEnergy) {
                    bestEnergy = e;
                    best = f + hop / 2;
                }
            }
            out.add(new double[] {start / (double) sr, best / (double) sr});
            start = best;
        }
        out.add(new double[] {start / (double) sr, x.length / (double) sr});
        return out;
    }
}
