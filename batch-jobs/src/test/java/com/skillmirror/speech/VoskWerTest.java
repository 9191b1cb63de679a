package com.skillmirror.speech;

import org.junit.jupiter.api.Test;

/**
 * Word error rate of the Vosk recogniser (the default offline one) on the same held-out real recordings as
 * {@link PocketsphinxWerTest}, with the same normalisation, table and confidence checks. The model comes from the
 * Maven package the build copies into the classes; no pocketsphinx needed.
 */
class VoskWerTest {

    /**
     * Regression limits just above the measured level (13.7 % at 16 kHz, 17.0 % overall on 2026-12-03; see the
     * README's speech section); the target is 30 % overall.
     */
    private static final double LIMIT_16K = 0.17;
    private static final double LIMIT_OVERALL = 0.21;

    @Test
    void wordErrorRatePerRecordingAndOverallOnHeldOutRealSpeech() {
        PocketsphinxWerTest.measureOnHeldOutSet(new VoskProvider(), LIMIT_16K, LIMIT_OVERALL);
    }
}
