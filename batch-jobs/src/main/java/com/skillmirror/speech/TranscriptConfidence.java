package com.skillmirror.speech;

import java.util.List;

/**
 * How far the transcript can be trusted, from the recogniser's word confidences. Metrics counted from the words
 * (words per minute, filler words, repeats) rest on it: when it is poor they are marked so, not presented as fact.
 *
 * @param mean          mean word confidence weighted by each word's duration, 0..1 (a long word misheard weighs
 *                      more than a short "a")
 * @param lowWordShare  share of the words with a confidence whose confidence is under {@code lowWord}
 * @param words         words with a confidence (words without one are left out of both numbers)
 * @param poor          the word-based metrics rest on a poor transcript (by the provider's {@link ConfidenceRule})
 * @param basis         what the word confidences are, in words for the report
 * @param lowWord       a word under this confidence is doubtful (greyed): the provider's own limit, since each
 *                      recogniser's confidences sit on a scale of their own; {@link #LOW_WORD} when a stored result
 *                      has none (results stored before the limit was per provider all used it)
 */
public record TranscriptConfidence(double mean, double lowWordShare, int words, boolean poor, String basis,
        Double lowWord) {

    /** The doubtful-word limit of results stored without one, and of providers without a calibrated rule. */
    public static final double LOW_WORD = 0.5;

    public TranscriptConfidence {
        if (lowWord == null) {
            lowWord = LOW_WORD;
        }
    }

    /** A confidence whose words are doubtful under {@link #LOW_WORD}. */
    public TranscriptConfidence(double mean, double lowWordShare, int words, boolean poor, String basis) {
        this(mean, lowWordShare, words, poor, basis, LOW_WORD);
    }

    /**
     * The transcript's confidence, or null when none of its words has one (the provider gives none, or the
     * transcript was stored before confidences existed): unknown, not good.
     */
    public static TranscriptConfidence of(Transcript transcript) {
        return transcript == null ? null : of(transcript, ConfidenceRule.of(transcript.provider()));
    }

    /** The transcript's confidence by the given rule (tests compare a provider's rule with another). */
    static TranscriptConfidence of(Transcript transcript, ConfidenceRule rule) {
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
            low += c < rule.lowWord() ? 1 : 0;
        }
        double mean = time > 0 ? weighted / time : plain / rated.size();
        double share = low / (double) rated.size();
        return new TranscriptConfidence(round3(mean), round3(share), rated.size(), rule.poor(mean, share),
                basis(transcript.provider()), rule.lowWord());
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
