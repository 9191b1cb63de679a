package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.skillmirror.testsupport.TestMedia;

class SpeechMetricsAnalyzerTest {

    private final SpeechMetricsAnalyzer analyzer = new SpeechMetricsAnalyzer();

    @Test
    void syllableNucleiRateIsWithin25PercentOfTheTranscriptSyllableRate() {
        int refTotal = 0;
        int foundTotal = 0;
        for (SpeechTestMedia.Utterance u : SpeechTestMedia.librivox()) {
            SpeechMetrics m = analyzer.analyze(u.clip());
            double span = m.speakingEndSec() - m.speakingStartSec();
            double refRate = u.syllables() / span;
            double err = (m.rate().syllablesPerSec() - refRate) / refRate;
            System.out.printf("syllable rate %s: nuclei %d (%.2f/s) vs transcript %d (%.2f/s): %+.0f%%%n", u.id(),
                    m.rate().syllables(), m.rate().syllablesPerSec(), u.syllables(), refRate, err * 100);
            assertThat(m.noSpeechDetected()).isFalse();
            assertThat(Math.abs(err)).as(u.id()).isLessThanOrEqualTo(0.25);
            assertThat(m.rate().articulationRate()).isGreaterThanOrEqualTo(m.rate().syllablesPerSec());
            refTotal += u.syllables();
            foundTotal += m.rate().syllables();
        }
        System.out.printf("syllables overall: %d found vs %d in transcripts (%+.1f%%)%n", foundTotal, refTotal,
                100.0 * (foundTotal - refTotal) / refTotal);
        assertThat(Math.abs(foundTotal - refTotal) / (double) refTotal).isLessThanOrEqualTo(0.15);
    }

    @Test
    void pausesInsertedBetweenRealUtterancesAreFoundWithTheirDurations() {
        List<AudioClip> pieces = new ArrayList<>();
        pieces.add(SpeechTestMedia.goForward());
        pieces.add(SpeechTestMedia.librivox().get(1).clip());
        pieces.add(SpeechTestMedia.tidigits());
        pieces.add(SpeechTestMedia.librivox().get(4).clip());
        double[] gaps = {0.4, 0.8, 1.5};
        List<AudioClip> parts = new ArrayList<>();
        parts.add(SpeechTestMedia.silence(0.5));
        List<Double> expectedStarts = new ArrayList<>();
        double t = 0.5;
        for (int i = 0; i < pieces.size(); i++) {
            AudioClip p = SpeechTestMedia.normalize(SpeechTestMedia.trim(pieces.get(i)), -24);
            assertThat(analyzer.analyze(p).pauseCount()).as("piece %d has no pause of its own", i).isZero();
            parts.add(p);
            t += p.durationSec();
            if (i < gaps.length) {
                expectedStarts.add(t);
                parts.add(SpeechTestMedia.silence(gaps[i]));
                t += gaps[i];
            }
        }
        parts.add(SpeechTestMedia.silence(0.5));
        AudioClip joined = SpeechTestMedia.withNoise(SpeechTestMedia.concat(parts), -62, 7);

        SpeechMetrics m = analyzer.analyze(joined);

        System.out.println("pauses: " + m.pauses() + " expected starts " + expectedStarts);
        assertThat(m.pauseCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            SpeechMetrics.Segment p = m.pauses().get(i);
            System.out.printf("pause %d: %.3f s (inserted %.3f s, error %+.0f ms), start error %+.0f ms%n", i,
                    p.durationSec(), gaps[i], (p.durationSec() - gaps[i]) * 1000,
                    (p.startSec() - expectedStarts.get(i)) * 1000);
            assertThat(p.durationSec()).isCloseTo(gaps[i], within(0.06));
            assertThat(p.startSec()).isCloseTo(expectedStarts.get(i), within(0.06));
        }
        assertThat(m.longestPauseSec()).isCloseTo(1.5, within(0.06));
        assertThat(m.totalPauseSec()).isCloseTo(2.7, within(0.15));
        assertThat(m.speakingStartSec()).isCloseTo(0.5, within(0.06));
    }

    @Test
    void minimumPauseLengthIsConfigurable() {
        AudioClip joined = SpeechTestMedia.withNoise(SpeechTestMedia.concat(List.of(
                SpeechTestMedia.normalize(SpeechTestMedia.trim(SpeechTestMedia.goForward()), -24),
                SpeechTestMedia.silence(0.4),
                SpeechTestMedia.normalize(SpeechTestMedia.trim(SpeechTestMedia.tidigits()), -24))), -62, 3);
        System.out.println("minpause default " + analyzer.analyze(joined).pauses() + " 0.6: "
                + new SpeechMetricsAnalyzer(SpeechConfig.defaults().withMinPauseSec(0.6)).analyze(joined).pauses());
        assertThat(analyzer.analyze(joined).pauseCount()).isEqualTo(1);
        assertThat(new SpeechMetricsAnalyzer(SpeechConfig.defaults().withMinPauseSec(0.6)).analyze(joined).pauseCount())
                .isZero();
    }

    @Test
    void pitchAndLoudnessAreInPlausibleRanges() {
        SpeechMetrics male = analyzer.analyze(SpeechTestMedia.librivox().get(0).clip());
        assertThat(male.pitch().medianHz()).isBetween(80.0, 140.0);
        assertThat(male.pitch().stdSemitones()).isBetween(1.0, 6.0);
        assertThat(male.pitch().rangeSemitones()).isGreaterThan(male.pitch().stdSemitones());
        SpeechMetrics female = analyzer.analyze(SpeechTestMedia.g722("vm-intro"));
        assertThat(female.pitch().medianHz()).isBetween(160.0, 260.0);
        assertThat(female.loudness().meanDb()).isBetween(-40.0, -5.0);
        assertThat(female.loudness().stdDb()).isBetween(2.0, 20.0);
        assertThat(female.timeline()).hasSize((int) Math.ceil(female.durationSec() / 0.5 - 1e-9));
        assertThat(female.timeline().stream().filter(SpeechMetrics.TimelinePoint::speaking).count()).isGreaterThan(5);
    }

    @Test
    void nonSpeechIsAFlagNotAnException() {
        SpeechMetrics monkeys = analyzer.analyze(SpeechTestMedia.g722("tt-monkeys"));
        assertThat(monkeys.noSpeechDetected()).as(monkeys.noSpeechReason()).isTrue();
        assertThat(monkeys.noSpeechReason()).isNotBlank();
        assertThat(analyzer.analyze(SpeechTestMedia.silence(3)).noSpeechDetected()).isTrue();
        assertThat(analyzer.analyze(SpeechTestMedia.withNoise(SpeechTestMedia.silence(3), -50, 1)).noSpeechDetected())
                .isTrue();
        assertThat(analyzer.analyze(AudioClip.read(TestMedia.file("alsa-sounds").resolve("Noise.wav")))
                .noSpeechDetected()).isTrue();
        assertThat(analyzer.analyze(new AudioClip(new float[100], 16000)).noSpeechDetected()).isTrue();
    }

    @Test
    void eightKilohertzFortyEightKilohertzStereoAndFivePointOneAllWork(@TempDir Path dir) throws Exception {
        AudioClip speech = SpeechTestMedia.librivox().get(0).clip();
        SpeechMetrics ref = analyzer.analyze(speech);
        for (int[] variant : new int[][] {{8000, 1}, {48000, 1}, {44100, 2}, {48000, 6}}) {
            Path f = SpeechTestMedia.writeWav(speech, variant[0], variant[1],
                    dir.resolve("speech-" + variant[0] + "-" + variant[1] + ".wav"));
            AudioClip back = AudioClip.read(f);
            SpeechMetrics m = analyzer.analyze(back);
            System.out.printf("%d Hz x%d: syllables %d (16 kHz mono %d), pitch %.1f Hz (%.1f)%n", variant[0],
                    variant[1], m.rate().syllables(), ref.rate().syllables(), m.pitch().medianHz(),
                    ref.pitch().medianHz());
            assertThat(back.sampleRate()).isEqualTo(16000);
            assertThat(back.durationSec()).isCloseTo(speech.durationSec(), within(0.1));
            assertThat(m.noSpeechDetected()).isFalse();
            assertThat(m.rate().syllables()).isCloseTo(ref.rate().syllables(), within(4));
            assertThat(m.pitch().medianHz()).isCloseTo(ref.pitch().medianHz(), within(8.0));
        }
        // real files: 48 kHz ALSA sample, 8 kHz-origin G.722 telephony prompt, AAC in an MP4 video
        assertThat(analyzer.analyze(AudioClip.read(TestMedia.file("alsa-sounds").resolve("Front_Left.wav")))
                .noSpeechDetected()).isFalse();
        assertThat(analyzer.analyze(SpeechTestMedia.g722("agent-alreadyon")).noSpeechDetected()).isFalse();
        AudioClip mp4 = AudioClip.read(TestMedia.file("forensics_movie-hello_talking_head.mp4"));
        assertThat(mp4.durationSec()).isBetween(7.0, 9.5);
    }

    @Test
    void videoWithoutAudioIsNoAudioException() {
        assertThatThrownBy(() -> AudioClip.read(TestMedia.file("mecavideo_g1_cyclist.avi")))
                .isInstanceOf(NoAudioException.class).hasMessageContaining("No audio track");
        assertThatThrownBy(() -> AudioClip.read(Path.of("/nonexistent/file.wav")))
                .isInstanceOf(SpeechException.class);
    }
}
