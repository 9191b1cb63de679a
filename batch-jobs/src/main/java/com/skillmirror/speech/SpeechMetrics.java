package com.skillmirror.speech;

import java.util.List;

/**
 * What the audio alone says about the delivery (no transcript needed). Times are seconds from the start of the
 * clip, levels are dB relative to full scale (dBFS), pitch ranges are semitones.
 *
 * @param noSpeechDetected true for silence, noise, music, animal sounds...: then the other numbers are zero/empty
 * @param noSpeechReason   why nothing was taken as speech (null when speech was found)
 * @param speakingStartSec first speech onset
 * @param speakingEndSec   last speech offset
 * @param phonationSec     total time spent speaking (speech segments, pauses excluded)
 * @param pauseRatio       pause time / (speaking span), 0..1
 */
public record SpeechMetrics(
        double durationSec,
        boolean noSpeechDetected,
        String noSpeechReason,
        double speakingStartSec,
        double speakingEndSec,
        double phonationSec,
        List<Segment> speechSegments,
        int pauseCount,
        double totalPauseSec,
        double longestPauseSec,
        double pauseRatio,
        List<Segment> pauses,
        Pitch pitch,
        Loudness loudness,
        Rate rate,
        List<TimelinePoint> timeline) {

    /** A stretch of speech or a pause. */
    public record Segment(double startSec, double endSec, double durationSec) {
        public static Segment of(double startSec, double endSec) {
            return new Segment(round3(startSec), round3(endSec), round3(endSec - startSec));
        }
    }

    /**
     * Voice pitch (YIN) over voiced speech.
     *
     * @param rangeSemitones 5th to 95th percentile span
     * @param stdSemitones   spread around the median: the monotony measure (under ~2 st sounds monotone)
     * @param voicedRatio    share of speech frames with a pitch
     */
    public record Pitch(double meanHz, double medianHz, double minHz, double maxHz, double rangeSemitones,
            double stdSemitones, double voicedRatio) {
        public static final Pitch NONE = new Pitch(0, 0, 0, 0, 0, 0, 0);
    }

    /** Loudness over speech frames: mean level, spread (std) and 5th-95th percentile range, dBFS. */
    public record Loudness(double meanDb, double stdDb, double rangeDb) {
        public static final Loudness NONE = new Loudness(0, 0, 0);
    }

    /**
     * Speech rate from syllable nuclei (De Jong &amp; Wempe 2009), without a transcript.
     *
     * @param syllables        syllable nuclei found
     * @param syllablesPerSec  over the speaking span (first onset to last offset, pauses included)
     * @param articulationRate syllables per second of phonation (pauses excluded)
     * @param nucleiSec        times of the nuclei
     */
    public record Rate(int syllables, double syllablesPerSec, double articulationRate, List<Double> nucleiSec) {
        public static final Rate NONE = new Rate(0, 0, 0, List.of());
    }

    /** One chart bin: mean level, median pitch (null when unvoiced), share of the bin spent speaking. */
    public record TimelinePoint(double startSec, double loudnessDb, Double pitchHz, double speakingRatio,
            boolean speaking) {
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
