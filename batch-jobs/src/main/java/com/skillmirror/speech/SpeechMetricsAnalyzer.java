package com.skillmirror.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import be.tarsos.dsp.pitch.FastYin;
import be.tarsos.dsp.pitch.PitchDetectionResult;

/**
 * Pure-Java delivery metrics from audio alone: pauses (adaptive threshold), pitch (YIN), loudness, speech rate
 * from syllable nuclei (De Jong &amp; Wempe 2009) and a chart timeline. Thread-safe; one instance can be shared.
 *
 * <p>Everything runs on a 10 ms frame grid. The speech/pause threshold adapts to each recording: it sits above
 * the noise floor (a low percentile of the frame levels) by a margin that grows with the recording's dynamic
 * range, so a quiet room and a noisy one are both segmented without a fixed dB level.
 */
public final class SpeechMetricsAnalyzer {

    private static final double HOP_SEC = 0.010;
    private static final double LEVEL_WINDOW_SEC = 0.025;
    private static final double INTENSITY_WINDOW_SEC = 0.096;
    private static final int PITCH_WINDOW = 1024;
    private static final double YIN_THRESHOLD = 0.4;
    private static final double MIN_LEVEL_DB = -120;
    /** Below this peak level (dBFS) a recording is taken as silent. */
    private static final double SILENT_PEAK_DB = -60;
    /** Speech has voiced (pitched) sound in a good share of its frames; noise and most non-speech do not. */
    private static final double MIN_VOICED_RATIO = 0.2;
    private static final double MIN_SPEECH_TOTAL_SEC = 0.25;

    private final SpeechConfig config;

    public SpeechMetricsAnalyzer() {
        this(SpeechConfig.defaults());
    }

    public SpeechMetricsAnalyzer(SpeechConfig config) {
        this.config = config;
    }

    public SpeechConfig config() {
        return config;
    }

    public SpeechMetrics analyze(AudioClip clip) {
        int sr = clip.sampleRate();
        int hop = (int) Math.round(sr * HOP_SEC);
        float[] x = highPass(clip.samples(), sr);
        int n = x.length / hop;
        double duration = clip.durationSec();
        if (n < 10) {
            return noSpeech(duration, "recording shorter than 0.1 s");
        }
        double[] level = levels(x, hop, (int) Math.round(sr * LEVEL_WINDOW_SEC), n);
        double floor = noiseFloor(level);
        double peak = percentile(level, 99);
        if (peak < SILENT_PEAK_DB) {
            return noSpeech(duration, String.format("silent: loudest level %.0f dBFS", peak));
        }
        if (peak - floor < config.minDynamicRangeDb()) {
            return noSpeech(duration, String.format(
                    "no speech-like level changes (%.0f dB between floor and peak): steady noise or silence",
                    peak - floor));
        }
        double threshold = floor + Math.max(config.thresholdMarginDb(), config.thresholdRangeFraction() * (peak - floor));
        boolean[] speech = segmentSpeech(level, threshold);
        List<int[]> segments = runs(speech);
        if (segments.isEmpty()) {
            return noSpeech(duration, "no sound above the noise floor long enough to be speech");
        }

        float[] pitch = pitchTrack(clip.samples(), sr, hop, n, speech);
        int speechFrames = 0;
        int voicedFrames = 0;
        for (int i = 0; i < n; i++) {
            if (speech[i] && level[i] > threshold) {
                speechFrames++;
                if (pitch[i] > 0) {
                    voicedFrames++;
                }
            }
        }
        double voicedRatio = speechFrames == 0 ? 0 : voicedFrames / (double) speechFrames;
        if (speechFrames * HOP_SEC < MIN_SPEECH_TOTAL_SEC) {
            return noSpeech(duration, "less than 0.25 s of sound above the noise floor");
        }
        if (voicedRatio < MIN_VOICED_RATIO) {
            return noSpeech(duration, String.format(
                    "sound without a speaking voice (%.0f%% voiced): noise, music or other non-speech",
                    voicedRatio * 100));
        }

        List<SpeechMetrics.Segment> speechSegs = new ArrayList<>();
        List<SpeechMetrics.Segment> pauses = new ArrayList<>();
        double phonation = 0;
        for (int s = 0; s < segments.size(); s++) {
            int[] seg = segments.get(s);
            speechSegs.add(SpeechMetrics.Segment.of(seg[0] * HOP_SEC, seg[1] * HOP_SEC));
            phonation += (seg[1] - seg[0]) * HOP_SEC;
            if (s > 0) {
                pauses.add(SpeechMetrics.Segment.of(segments.get(s - 1)[1] * HOP_SEC, seg[0] * HOP_SEC));
            }
        }
        double start = segments.get(0)[0] * HOP_SEC;
        double end = segments.get(segments.size() - 1)[1] * HOP_SEC;
        double span = end - start;
        double totalPause = pauses.stream().mapToDouble(SpeechMetrics.Segment::durationSec).sum();
        double longest = pauses.stream().mapToDouble(SpeechMetrics.Segment::durationSec).max().orElse(0);

        double[] intensity = hannLevels(x, hop, (int) Math.round(sr * INTENSITY_WINDOW_SEC), n);
        List<Double> nuclei = syllableNuclei(intensity, speech, pitch);
        SpeechMetrics.Rate rate = new SpeechMetrics.Rate(nuclei.size(),
                SpeechMetrics.round2(nuclei.size() / Math.max(span, 1e-9)),
                SpeechMetrics.round2(nuclei.size() / Math.max(phonation, 1e-9)), nuclei);

        return new SpeechMetrics(SpeechMetrics.round3(duration), false, null, SpeechMetrics.round3(start),
                SpeechMetrics.round3(end), SpeechMetrics.round3(phonation), speechSegs, pauses.size(),
                SpeechMetrics.round3(totalPause), SpeechMetrics.round3(longest),
                SpeechMetrics.round3(span > 0 ? totalPause / span : 0), pauses, pitchStats(pitch, speech, voicedRatio),
                loudness(level, speech, threshold), rate, timeline(level, pitch, speech, n));
    }

    private SpeechMetrics noSpeech(double duration, String reason) {
        return new SpeechMetrics(SpeechMetrics.round3(duration), true, reason, 0, 0, 0, List.of(), 0, 0, 0, 0,
                List.of(), SpeechMetrics.Pitch.NONE, SpeechMetrics.Loudness.NONE, SpeechMetrics.Rate.NONE, List.of());
    }

    // ---- segmentation ----

    boolean[] segmentSpeech(double[] level, double threshold) {
        int n = level.length;
        int hang = (int) Math.round(config.hangoverSec() / HOP_SEC);
        boolean[] speech = new boolean[n];
        int holdUntil = -1;
        for (int i = 0; i < n; i++) {
            if (level[i] > threshold) {
                speech[i] = true;
                holdUntil = i + hang;
            } else if (i <= holdUntil) {
                speech[i] = true;
            }
        }
        // gaps shorter than a pause are part of speech
        int minGap = (int) Math.round(config.minPauseSec() / HOP_SEC);
        List<int[]> r = runs(speech);
        for (int k = 1; k < r.size(); k++) {
            if (r.get(k)[0] - r.get(k - 1)[1] < minGap) {
                Arrays.fill(speech, r.get(k - 1)[1], r.get(k)[0], true);
            }
        }
        // bursts too short to be speech are not speech
        int minSpeech = (int) Math.round(config.minSpeechSec() / HOP_SEC);
        for (int[] run : runs(speech)) {
            if (run[1] - run[0] < minSpeech) {
                Arrays.fill(speech, run[0], run[1], false);
            }
        }
        return speech;
    }

    /**
     * The background level: a low percentile of the frame levels, ignoring digital silence (exact zeros from
     * editing or generated gaps) unless the recording is mostly that.
     */
    private double noiseFloor(double[] level) {
        double[] real = Arrays.stream(level).filter(v -> v > MIN_LEVEL_DB + 20).toArray();
        double[] use = real.length >= level.length / 4 ? real : level;
        return percentile(use, config.noiseFloorPercentile());
    }

    /** [start, end) frame runs of true. */
    static List<int[]> runs(boolean[] flags) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < flags.length) {
            if (!flags[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < flags.length && flags[j]) {
                j++;
            }
            out.add(new int[] {i, j});
            i = j;
        }
        return out;
    }

    // ---- levels ----

    /** First-order high-pass (~50 Hz) so rumble and DC do not count as sound. */
    static float[] highPass(float[] in, int sr) {
        float[] out = new float[in.length];
        double a = Math.exp(-2 * Math.PI * 50.0 / sr);
        double prevX = 0;
        double prevY = 0;
        for (int i = 0; i < in.length; i++) {
            double y = a * (prevY + in[i] - prevX);
            prevX = in[i];
            prevY = y;
            out[i] = (float) y;
        }
        return out;
    }

    /** RMS level in dBFS of a rectangular window centred on each frame. */
    static double[] levels(float[] x, int hop, int win, int n) {
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            prefix[i + 1] = prefix[i] + (double) x[i] * x[i];
        }
        double[] out = new double[n];
        for (int f = 0; f < n; f++) {
            int c = f * hop + hop / 2;
            int a = Math.max(0, c - win / 2);
            int b = Math.min(x.length, c + win / 2);
            double ms = (prefix[b] - prefix[a]) / Math.max(1, b - a);
            out[f] = toDb(ms);
        }
        return out;
    }

    /** Hann-weighted level (a smoother "intensity" contour, like Praat's) in dBFS. */
    static double[] hannLevels(float[] x, int hop, int win, int n) {
        double[] w = new double[win];
        double wsum = 0;
        for (int i = 0; i < win; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / win);
            wsum += w[i];
        }
        double[] out = new double[n];
        for (int f = 0; f < n; f++) {
            int start = f * hop + hop / 2 - win / 2;
            double acc = 0;
            for (int i = 0; i < win; i++) {
                int k = start + i;
                if (k >= 0 && k < x.length) {
                    acc += w[i] * x[k] * x[k];
                }
            }
            out[f] = toDb(acc / wsum);
        }
        return out;
    }

    private static double toDb(double meanSquare) {
        return Math.max(MIN_LEVEL_DB, 10 * Math.log10(meanSquare + 1e-13));
    }

    // ---- pitch ----

    /** YIN pitch (Hz) per frame over speech frames, 0 where unvoiced; isolated octave jumps removed. */
    float[] pitchTrack(float[] x, int sr, int hop, int n, boolean[] speech) {
        FastYin yin = new FastYin(sr, PITCH_WINDOW, YIN_THRESHOLD);
        float[] buf = new float[PITCH_WINDOW];
        float[] pitch = new float[n];
        for (int f = 0; f < n; f++) {
            if (!speech[f]) {
                continue;
            }
            int start = f * hop + hop / 2 - PITCH_WINDOW / 2;
            for (int i = 0; i < PITCH_WINDOW; i++) {
                int k = start + i;
                buf[i] = k >= 0 && k < x.length ? x[k] : 0f;
            }
            PitchDetectionResult r = yin.getPitch(buf);
            float hz = r.getPitch();
            if (r.isPitched() && hz >= config.minPitchHz() && hz <= config.maxPitchHz()) {
                pitch[f] = hz;
            }
        }
        // drop frames far (> 6 semitones) from the local median: octave errors and stray detections
        float[] cleaned = pitch.clone();
        double[] window = new double[11];
        for (int f = 0; f < n; f++) {
            if (pitch[f] <= 0) {
                continue;
            }
            int m = 0;
            for (int k = Math.max(0, f - 5); k <= Math.min(n - 1, f + 5); k++) {
                if (pitch[k] > 0) {
                    window[m++] = pitch[k];
                }
            }
            if (m < 3) {
                cleaned[f] = 0;
                continue;
            }
            Arrays.sort(window, 0, m);
            double med = window[m / 2];
            if (Math.abs(12 * log2(pitch[f] / med)) > 6) {
                cleaned[f] = 0;
            }
        }
        return cleaned;
    }

    private SpeechMetrics.Pitch pitchStats(float[] pitch, boolean[] speech, double voicedRatio) {
        double[] hz = new double[pitch.length];
        int m = 0;
        for (int i = 0; i < pitch.length; i++) {
            if (speech[i] && pitch[i] > 0) {
                hz[m++] = pitch[i];
            }
        }
        if (m == 0) {
            return SpeechMetrics.Pitch.NONE;
        }
        hz = Arrays.copyOf(hz, m);
        double mean = Arrays.stream(hz).average().orElse(0);
        double median = percentile(hz, 50);
        double p5 = percentile(hz, 5);
        double p95 = percentile(hz, 95);
        double var = 0;
        for (double h : hz) {
            double st = 12 * log2(h / median);
            var += st * st;
        }
        double std = Math.sqrt(var / m);
        return new SpeechMetrics.Pitch(SpeechMetrics.round2(mean), SpeechMetrics.round2(median),
                SpeechMetrics.round2(p5), SpeechMetrics.round2(p95), SpeechMetrics.round2(12 * log2(p95 / p5)),
                SpeechMetrics.round2(std), SpeechMetrics.round3(voicedRatio));
    }

    // ---- loudness ----

    private static SpeechMetrics.Loudness loudness(double[] level, boolean[] speech, double threshold) {
        double[] v = new double[level.length];
        int m = 0;
        for (int i = 0; i < level.length; i++) {
            if (speech[i] && level[i] > threshold) {
                v[m++] = level[i];
            }
        }
        v = Arrays.copyOf(v, m);
        double mean = Arrays.stream(v).average().orElse(0);
        double var = Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum() / Math.max(1, m);
        return new SpeechMetrics.Loudness(SpeechMetrics.round2(mean), SpeechMetrics.round2(Math.sqrt(var)),
                SpeechMetrics.round2(percentile(v, 95) - percentile(v, 5)));
    }

    // ---- syllable nuclei (De Jong & Wempe 2009) ----

    /**
     * Peaks of the intensity contour that are within {@code syllableSilenceDb} of the 99th-percentile level, stand
     * at least {@code syllableDipDb} above the dip before the next peak, lie in speech and are voiced.
     */
    List<Double> syllableNuclei(double[] intensity, boolean[] speech, float[] pitch) {
        int n = intensity.length;
        double max99 = percentile(intensity, 99);
        double threshold = max99 - config.syllableSilenceDb();
        List<Integer> peaks = new ArrayList<>();
        for (int i = 1; i < n - 1; i++) {
            if (intensity[i] > threshold && intensity[i] > intensity[i - 1] && intensity[i] >= intensity[i + 1]) {
                peaks.add(i);
            }
        }
        List<Double> out = new ArrayList<>();
        for (int p = 0; p < peaks.size(); p++) {
            int i = peaks.get(p);
            if (!speech[i]) {
                continue;
            }
            int next = p + 1 < peaks.size() ? peaks.get(p + 1) : n - 1;
            double dip = intensity[i];
            for (int k = i; k <= next; k++) {
                dip = Math.min(dip, intensity[k]);
            }
            if (intensity[i] - dip <= config.syllableDipDb()) {
                continue;
            }
            if (!voicedNear(pitch, i, 2)) {
                continue;
            }
            out.add(SpeechMetrics.round3((i + 0.5) * HOP_SEC));
        }
        return out;
    }

    private static boolean voicedNear(float[] pitch, int i, int radius) {
        for (int k = Math.max(0, i - radius); k <= Math.min(pitch.length - 1, i + radius); k++) {
            if (pitch[k] > 0) {
                return true;
            }
        }
        return false;
    }

    // ---- timeline ----

    private List<SpeechMetrics.TimelinePoint> timeline(double[] level, float[] pitch, boolean[] speech, int n) {
        int per = Math.max(1, (int) Math.round(config.timelineStepSec() / HOP_SEC));
        List<SpeechMetrics.TimelinePoint> out = new ArrayList<>();
        double[] hz = new double[per];
        for (int s = 0; s < n; s += per) {
            int e = Math.min(n, s + per);
            double energy = 0;
            int speaking = 0;
            int m = 0;
            for (int i = s; i < e; i++) {
                energy += Math.pow(10, level[i] / 10);
                if (speech[i]) {
                    speaking++;
                }
                if (pitch[i] > 0) {
                    hz[m++] = pitch[i];
                }
            }
            Double medHz = m == 0 ? null : SpeechMetrics.round2(percentile(Arrays.copyOf(hz, m), 50));
            double ratio = speaking / (double) (e - s);
            out.add(new SpeechMetrics.TimelinePoint(SpeechMetrics.round3(s * HOP_SEC),
                    SpeechMetrics.round2(toDb(energy / (e - s))), medHz, SpeechMetrics.round3(ratio), ratio >= 0.5));
        }
        return out;
    }

    // ---- helpers ----

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = p / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
