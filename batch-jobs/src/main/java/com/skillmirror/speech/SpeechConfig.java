package com.skillmirror.speech;

/**
 * Tunables of the speech engine. {@link #defaults()} holds values checked on real speech (see the tests).
 *
 * @param minPauseSec        silences shorter than this inside speech are not pauses (articulation gaps, stops)
 * @param minSpeechSec       bursts of sound shorter than this are not speech (clicks, bumps)
 * @param hangoverSec        speech is held on this long after the level drops below the threshold
 * @param noiseFloorPercentile percentile of frame levels taken as the noise floor (adaptive threshold)
 * @param thresholdMarginDb  the speech threshold is at least this far above the noise floor
 * @param thresholdRangeFraction the threshold also rises by this fraction of (speech peak - noise floor)
 * @param minDynamicRangeDb  below this spread between floor and peak the clip is "no speech" (silence, hum)
 * @param minPitchHz         lowest voice pitch searched
 * @param maxPitchHz         highest voice pitch searched
 * @param syllableDipDb      De Jong &amp; Wempe: an intensity peak must stand this far above the dip before the next
 * @param syllableSilenceDb  De Jong &amp; Wempe: peaks must be within this many dB of the 99th-percentile level
 * @param timelineStepSec    bin width of the chart timeline
 */
public record SpeechConfig(
        double minPauseSec,
        double minSpeechSec,
        double hangoverSec,
        double noiseFloorPercentile,
        double thresholdMarginDb,
        double thresholdRangeFraction,
        double minDynamicRangeDb,
        double minPitchHz,
        double maxPitchHz,
        double syllableDipDb,
        double syllableSilenceDb,
        double timelineStepSec) {

    public static SpeechConfig defaults() {
        return new SpeechConfig(0.25, 0.08, 0.02, 5, 6, 0.2, 12, 60, 450, 1.0, 25, 0.5);
    }

    public SpeechConfig withMinPauseSec(double sec) {
        return new SpeechConfig(sec, minSpeechSec, hangoverSec, noiseFloorPercentile, thresholdMarginDb,
                thresholdRangeFraction, minDynamicRangeDb, minPitchHz, maxPitchHz, syllableDipDb, syllableSilenceDb,
                timelineStepSec);
    }
}
