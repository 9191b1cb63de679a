package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Needs the Debian packages pocketsphinx and pocketsphinx-en-us. */
class PocketsphinxProviderTest {

    private final PocketsphinxProvider provider = new PocketsphinxProvider();

    @Test
    void wordErrorRateOnLibriVoxIsAtMost35PercentAndWordRateWithin10Percent() {
        int errors = 0;
        int refWords = 0;
        double refWordsTotal = 0;
        double refSpanTotal = 0;
        double hypWordsTotal = 0;
        double hypSpanTotal = 0;
        SpeechMetricsAnalyzer metrics = new SpeechMetricsAnalyzer();
        for (SpeechTestMedia.Utterance u : SpeechTestMedia.librivox()) {
            Transcript t = provider.transcribe(u.clip(), TranscriptionOptions.defaults());
            // usual scoring normalisation: the dictionary spells "mister" as "mr"
            List<String> hyp = t.words().stream().map(w -> w.word().equals("mr") ? "mister" : w.word()).toList();
            int e = SpeechTestMedia.wordErrors(u.words(), hyp);
            System.out.printf("pocketsphinx %s: WER %.0f%% | ref: %s | hyp: %s%n", u.id(), 100.0 * e / u.words().size(),
                    u.text(), t.text());
            errors += e;
            refWords += u.words().size();
            assertThat(t.approximate()).isTrue();
            assertThat(t.provider()).isEqualTo("pocketsphinx");
            for (int i = 1; i < t.words().size(); i++) {
                assertThat(t.words().get(i).startSec()).isGreaterThanOrEqualTo(t.words().get(i - 1).endSec());
            }
            // word rate: reference words over the speaking span the audio shows vs the transcript's own rate
            SpeechMetrics m = metrics.analyze(u.clip());
            refWordsTotal += u.words().size();
            refSpanTotal += m.speakingEndSec() - m.speakingStartSec();
            TranscriptStats s = TranscriptStats.of(t, FillerWords.forLanguage("en"), m.phonationSec());
            hypWordsTotal += s.wordCount();
            hypSpanTotal += s.speakingSec();
        }
        double wer = errors / (double) refWords;
        double refWpm = refWordsTotal / refSpanTotal * 60;
        double hypWpm = hypWordsTotal / hypSpanTotal * 60;
        System.out.printf("pocketsphinx WER %.1f%% (%d/%d); words per minute %.1f vs reference %.1f (%+.1f%%)%n",
                wer * 100, errors, refWords, hypWpm, refWpm, (hypWpm - refWpm) / refWpm * 100);
        assertThat(wer).isLessThanOrEqualTo(0.35);
        assertThat(Math.abs(hypWpm - refWpm) / refWpm).isLessThanOrEqualTo(0.10);
    }

    @Test
    void parsesWordLinesAndDropsMarkersAndAlternates() {
        Transcript t = PocketsphinxProvider.parseCtm("""
                part0 1 0.00 0.14 <s> 0.999
                part0 1 0.15 0.21 go 0.26
                part0 1 0.37 0.03 <sil> 0.5
                part0 1 0.41 0.49 forward(2) 0.98
                part1 1 0.00 0.09 [NOISE] 0.9
                part1 1 0.01 0.32 ten 0.67
                part1 1 0.34 0.46 meters 0.58
                part1 1 0.81 0.09 </s> 1.0
                """, new double[] {0, 1.0});
        assertThat(t.words()).extracting(TranscriptWord::word).containsExactly("go", "forward", "ten", "meters");
        // the last column, the word's posterior probability, is its confidence
        assertThat(t.words().get(1)).isEqualTo(new TranscriptWord("forward", 0.41, 0.9, 0.98));
        assertThat(t.words().get(3)).isEqualTo(new TranscriptWord("meters", 1.34, 1.8, 0.58));
        assertThat(t.text()).isEqualTo("go forward ten meters");
    }

    @Test
    void aLineWithoutConfidenceGivesAnUnknownConfidence() {
        Transcript t = PocketsphinxProvider.parseCtm("part0 1 0.15 0.21 go\npart0 1 0.40 0.20 on 1.7\n",
                new double[] {0});
        assertThat(t.words()).extracting(TranscriptWord::confidence).containsExactly(null, null);
    }

    @Test
    void missingBinaryNamesThePackagesToInstall() {
        assertThatThrownBy(() -> new PocketsphinxProvider("pocketsphinx_not_installed_here", List.of())
                .transcribe(SpeechTestMedia.goForward(), null))
                .isInstanceOf(TranscriptionException.class)
                .hasMessageContaining("apt-get install pocketsphinx pocketsphinx-en-us");
    }
}
