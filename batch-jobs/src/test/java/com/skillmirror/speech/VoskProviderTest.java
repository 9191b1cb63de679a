package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vosk with the model the build ships (from the Maven package com.alphacephei:vosk-model-en). */
class VoskProviderTest {

    private static final VoskProvider PROVIDER = new VoskProvider();

    @Test
    void wordsOfSeveralUtterancesKeepTheirPlaceOnTheTimeline() {
        // the five LibriVox utterances one after another with a second of silence between them: Vosk ends an
        // utterance at each pause, and every utterance's words must land in its own stretch of the clip
        List<SpeechTestMedia.Utterance> utterances = SpeechTestMedia.librivox();
        List<float[]> parts = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        List<String> ref = new ArrayList<>();
        double t = 0;
        for (SpeechTestMedia.Utterance u : utterances) {
            AudioClip c = u.clip().resampled(AudioClip.SAMPLE_RATE);
            parts.add(c.samples());
            parts.add(new float[AudioClip.SAMPLE_RATE]);
            spans.add(new double[] {t, t + c.durationSec()});
            t += c.durationSec() + 1;
            ref.addAll(WerText.words(u.text()));
        }
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int off = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, off, p.length);
            off += p.length;
        }
        Transcript tr = PROVIDER.transcribe(new AudioClip(all, AudioClip.SAMPLE_RATE), TranscriptionOptions.defaults());

        assertThat(tr.provider()).isEqualTo("vosk");
        assertThat(tr.approximate()).isTrue();
        List<String> hyp = WerText.words(tr.text());
        int errors = SpeechTestMedia.wordErrors(ref, hyp);
        System.out.printf("vosk on the LibriVox utterances in one clip: WER %.1f %% (%d/%d): %s%n",
                100.0 * errors / ref.size(), errors, ref.size(), tr.text());
        // 4/71 words wrong when measured (5.6 %; README, speech section); pocketsphinx gets 27 % of them wrong
        assertThat(errors / (double) ref.size()).isLessThanOrEqualTo(0.10);
        for (int i = 0; i < tr.words().size(); i++) {
            TranscriptWord w = tr.words().get(i);
            assertThat(w.confidence()).isBetween(0.0, 1.0);
            assertThat(w.endSec()).isGreaterThan(w.startSec());
            if (i > 0) {
                assertThat(w.startSec()).isGreaterThanOrEqualTo(tr.words().get(i - 1).endSec());
            }
            assertThat(spans).as("word %s at %.2f s lies inside an utterance", w.word(), w.startSec())
                    .anyMatch(s -> w.startSec() >= s[0] - 0.1 && w.endSec() <= s[1] + 0.1);
        }
        // the last utterance's words are timed in the last stretch, not from 0
        double[] last = spans.get(spans.size() - 1);
        assertThat(tr.words().get(tr.words().size() - 1).endSec()).isBetween(last[0], last[1] + 0.1);
    }

    @Test
    void onlyEnglish() {
        assertThatThrownBy(() -> PROVIDER.transcribe(SpeechTestMedia.goForward(), new TranscriptionOptions("de", null)))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("openai");
    }

    @Test
    void resultJsonGivesWordsTimesAndConfidencesAndDropsUnknownWords() {
        List<TranscriptWord> words = new ArrayList<>();
        VoskProvider.parseResult("""
                {"result": [{"conf": 0.91, "end": 0.6, "start": 0.3, "word": "go"},
                            {"conf": 1.0, "end": 0.9, "start": 0.6, "word": "[unk]"},
                            {"conf": 1.7, "end": 1.2, "start": 0.9, "word": "forward"}], "text": "go [unk] forward"}
                """, words);
        VoskProvider.parseResult("{\"text\": \"\"}", words);
        assertThat(words).containsExactly(new TranscriptWord("go", 0.3, 0.6, 0.91),
                new TranscriptWord("forward", 0.9, 1.2, null));
    }

    @Test
    void modelUnpacksOnceIntoAnEmptyCache(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("models").resolve("vosk-model-en-" + VoskModel.VERSION);
        assertThat(VoskModel.provision(dir)).isEqualTo(dir);
        assertThat(VoskModel.missing(dir)).isEmpty();
        var modified = Files.getLastModifiedTime(dir.resolve("am/final.mdl"));
        VoskModel.provision(dir);
        assertThat(Files.getLastModifiedTime(dir.resolve("am/final.mdl"))).isEqualTo(modified);
        // the unpacked model is the one a recogniser loads
        Transcript t = new VoskProvider(() -> dir).transcribe(SpeechTestMedia.goForward(), TranscriptionOptions.defaults());
        assertThat(WerText.words(t.text())).contains("forward");
    }

    @Test
    void anOverrideFolderWithoutAModelIsNamedInTheError(@TempDir Path tmp) {
        System.setProperty(VoskModel.DIR_PROPERTY, tmp.toString());
        try {
            assertThatThrownBy(VoskModel::resolve).isInstanceOf(TranscriptionException.class)
                    .hasMessageContaining(tmp.toString()).hasMessageContaining("am/final.mdl");
        } finally {
            System.clearProperty(VoskModel.DIR_PROPERTY);
        }
    }
}
