package com.skillmirror.speech;

import java.util.List;

/**
 * How far the transcript can be trusted, from the recogniser's word confidences. Metrics counted from the words
 * (words per minute, filler words, repeats) rest on it: when it is poor they are marked so, not presented as fact.
 *
 * @param mean          mean word confidence weighted by each word's duration, 0..1 (a long word misheard weighs
 *                      more than a short "a")
 * @param lowWordShare  share of the words with a confidence whose confidence is under {@link #LOW_WORD}
 * @param words         words with a confidence (words without one are left out of both numbers)
 * @param poor          the word-based metrics rest on a poor transcript ({@link #poor(double, double)})
 * @param basis         what the word confidences are, in words for the report
 */
public record TranscriptConfidence(double mean, double lowWordShare, int words, boolean poor, String basis) {

    /** A word under this confidence is shown as doubtful. */
    public static final double LOW_WORD = 0.5;
    /**
     * A transcript whose duration-weighted mean is under this is poor. Measured on held-out real speech
     * (PocketsphinxWerTest): recordings under it had a word error rate of about half or worse.
     */
    public static final double POOR_MEAN = 0.6;
    /** ... or when more than this share of its words are doubtful. */
    public static final double POOR_LOW_SHARE = 0.4;

    /**
     * The transcript's confidence, or null when none of its words has one (the provider gives none, or the
     * transcript was stored before confidences existed): unknown, not good.
     */
    public static TranscriptConfidence of(Transcript transcript) {
        if (transcript == null) {
            return null;
        }
        List<TranscriptWord> rated = transcript.words().stream().filter(w -> w.confidence() != null).toList();
        if (rated.isEmpty()) {
            return null;
        }
        double weighted = 0;
        double time = 0;
        double plain = 0;
        int low = 0;
        for (TranscriptWord w : rated) {
            double c = Math.max(0, Math.min(1, w.confidence()));
            // a zero-length word still counts a little, so that a transcript of such words has a mean
            double d = Math.max(w.endSec() - w.startSec(), 0.01);
            weighted += c * d;
            time += d;
            plain += c;
            low += c < LOW_WORD ? 1 : 0;
        }
        double mean = time > 0 ? weighted / time : plain / rated.size();
        double share = low / (double) rated.size();
        return new TranscriptConfidence(round3(mean), round3(share), rated.size(), poor(mean, share),
                basis(transcript.provider()));
    }

    /** Poor: a low mean, or many doubtful words. */
    static boolean poor(double mean, double lowWordShare) {
        return mean < POOR_MEAN || lowWordShare > POOR_LOW_SHARE;
    }

    /** The sentence that marks a metric resting on this transcript; null when the transcript is not poor. */
    public String note() {
        if (!poor) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "Rests on a poor transcript (confidence %.0f %%, %.0f %% of the words doubtful): "
                + "the words may be wrong, treat this as a rough guide.", mean * 100, lowWordShare * 100);
    }

    private static String basis(String provider) {
        if (VoskProvider.NAME.equals(provider)) {
            return "Vosk's posterior probability of each word";
        }
        if (PocketsphinxProvider.NAME.equals(provider)) {
            return "pocketsphinx's posterior probability of each word";
        }
        if (OpenAiTranscriptionProvider.NAME.equals(provider)) {
            return "the mean token probability of each word's segment";
        }
        return "the recogniser's word confidences";
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
