package com.skillmirror.speech;

/**
 * When a recogniser's word confidences make a word doubtful and a transcript poor. Each recogniser's confidences
 * sit on a scale of their own (pocketsphinx's posteriors are low even for right words, Vosk's are high even for
 * wrong ones), so each carries the rule calibrated on its own output: {@link #of(String)}.
 *
 * @param lowWord      a word under this confidence is doubtful (greyed in the report)
 * @param poorMean     a transcript whose duration-weighted mean confidence is under this is poor ...
 * @param poorLowShare ... or one with more than this share of doubtful words
 */
record ConfidenceRule(double lowWord, double poorMean, double poorLowShare) {

    /**
     * Calibrated on pocketsphinx's held-out output (PocketsphinxWerTest): transcripts under a mean of 60 % had a word
     * error rate of about half or worse. Also the rule of providers not calibrated yet (openai).
     */
    static final ConfidenceRule DEFAULT = new ConfidenceRule(TranscriptConfidence.LOW_WORD, 0.6, 0.4);

    /** The rule of the provider that wrote the transcript (its name as in {@link Transcript#provider()}). */
    static ConfidenceRule of(String provider) {
        return VoskProvider.NAME.equals(provider) ? VoskProvider.CONFIDENCE_RULE : DEFAULT;
    }

    boolean poor(double mean, double lowWordShare) {
        return mean < poorMean || lowWordShare > poorLowShare;
    }
}
