package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.skillmirror.testsupport.TestMedia;

/**
 * Word error rate of the offline recogniser on real recordings with known transcripts, fetched by package name:
 * the Asterisk English prompts (one speaker, transcripts in asterisk-core-sounds-en's core-sounds-en.txt.gz) as
 * 16 kHz G.722 and as 8 kHz GSM (phone quality), and the five LibriVox utterances of pocketsphinx-testdata.
 * Prompts are split by name into a tuning half (CRC-32 of the name even) and a held-out half (odd); this test
 * uses only the held-out half. Text normalisation: {@link WerText}. Also measures the transcript confidence
 * ({@link TranscriptConfidence}) against the WER. Needs pocketsphinx and pocketsphinx-en-us.
 */
class PocketsphinxWerTest {

    /** Held-out prompts per sample rate: enough words for a stable rate, few enough for CI time. */
    private static final int PROMPTS = 12;

    private record Recording(String id, String rate, AudioClip clip, List<String> ref) {
    }

    @Test
    void wordErrorRatePerRecordingAndOverallOnHeldOutRealSpeech() {
        // regression limits just above the measured level (38.3 % at 16 kHz, 55.3 % overall on 2026-12-02; see the
        // README's speech section). The target of 30 % overall is not reached by pocketsphinx
        measureOnHeldOutSet(new PocketsphinxProvider(), LIMIT_16K, LIMIT_OVERALL);
    }

    /**
     * Transcribes the held-out set with {@code provider}, prints the per-recording table and the rates, checks what
     * the transcript confidence separates, and holds the word error rates under the limits given.
     */
    static void measureOnHeldOutSet(TranscriptionProvider provider, double limit16k, double limitOverall) {
        List<Recording> recordings = new ArrayList<>();
        for (SpeechTestMedia.Utterance u : SpeechTestMedia.librivox()) {
            recordings.add(new Recording("librivox/" + u.id(), "16k", u.clip(), WerText.words(u.text())));
        }
        Path g722 = TestMedia.file("asterisk-g722");
        Path gsm = TestMedia.file("asterisk-gsm");
        for (var p : heldOutPrompts().entrySet()) {
            recordings.add(new Recording(p.getKey(), "16k",
                    AudioClip.read(g722.resolve(p.getKey() + ".g722"), "g722"), p.getValue()));
            recordings.add(new Recording(p.getKey(), "8k", AudioClip.read(gsm.resolve(p.getKey() + ".gsm"), "gsm"),
                    p.getValue()));
        }
        TreeMap<String, int[]> byRate = new TreeMap<>();
        int errors = 0;
        int words = 0;
        List<double[]> werAndConfidence = new ArrayList<>();
        TreeMap<String, List<Double>> promptConfidence = new TreeMap<>();
        TreeMap<Boolean, int[]> poorSplit = new TreeMap<>();
        // per doubtful (true) / confident (false) recognised word: [wrong, all]
        TreeMap<Boolean, int[]> rightByDoubt = new TreeMap<>();
        System.out.println("| recording | rate | words | WER | confidence | doubtful words | hypothesis |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Recording r : recordings) {
            Transcript t = provider.transcribe(r.clip(), TranscriptionOptions.defaults());
            List<String> hyp = WerText.words(t.text());
            int e = SpeechTestMedia.wordErrors(r.ref(), hyp);
            TranscriptConfidence c = TranscriptConfidence.of(t);
            countWordsRightByConfidence(r.ref(), t, rightByDoubt);
            double recordingWer = (double) e / r.ref().size();
            System.out.printf("| %s | %s | %d | %.0f %% | %s | %s | %s |%n", r.id(), r.rate(), r.ref().size(),
                    100 * recordingWer, c == null ? "-" : String.format("%.0f %%%s", 100 * c.mean(), c.poor() ? " (poor)" : ""),
                    c == null ? "-" : String.format("%.0f %%", 100 * c.lowWordShare()), String.join(" ", hyp));
            if (c != null) {
                werAndConfidence.add(new double[] {recordingWer, c.mean()});
                int[] split = poorSplit.computeIfAbsent(c.poor(), k -> new int[2]);
                split[0] += e;
                split[1] += r.ref().size();
                if (!r.id().startsWith("librivox/")) {
                    promptConfidence.computeIfAbsent(r.rate(), k -> new ArrayList<>()).add(c.mean());
                }
            }
            int[] acc = byRate.computeIfAbsent(r.rate(), k -> new int[2]);
            acc[0] += e;
            acc[1] += r.ref().size();
            errors += e;
            words += r.ref().size();
        }
        byRate.forEach((rate, acc) -> System.out.printf("WER %s: %.1f %% (%d/%d)%n", rate, 100.0 * acc[0] / acc[1],
                acc[0], acc[1]));
        double wer = errors / (double) words;
        System.out.printf("WER overall: %.1f %% (%d/%d)%n", 100 * wer, errors, words);
        assertThat(words).as("reference words").isGreaterThan(300);
        assertTranscriptConfidenceFollowsTheErrorRate(werAndConfidence, promptConfidence, byRate, recordings.size());
        // what "poor" separates: the pooled WER of the transcripts marked poor and of the others
        poorSplit.forEach((poor, acc) -> System.out.printf("WER of the transcripts %s: %.1f %% (%d/%d words)%n",
                poor ? "marked poor" : "not marked poor", 100.0 * acc[0] / acc[1], acc[0], acc[1]));
        assertThat(poorSplit).containsKeys(true, false);
        // what a greyed word means: the share of recognised words that are wrong, doubtful vs confident ones
        rightByDoubt.forEach((doubtful, acc) -> System.out.printf("Recognised words %s: %.1f %% wrong (%d/%d)%n",
                doubtful ? "under 50 % confidence (greyed)" : "at 50 % or more", 100.0 * acc[0] / acc[1], acc[0],
                acc[1]));
        assertThat(rightByDoubt.get(true)[0] / (double) rightByDoubt.get(true)[1]).as("doubtful words wrong more often")
                .isGreaterThan(rightByDoubt.get(false)[0] / (double) rightByDoubt.get(false)[1]);
        assertThat(poorSplit.get(true)[0] / (double) poorSplit.get(true)[1]).as("WER marked poor vs not")
                .isGreaterThan(poorSplit.get(false)[0] / (double) poorSplit.get(false)[1]);
        assertThat(byRate.get("16k")[0] / (double) byRate.get("16k")[1]).isLessThanOrEqualTo(limit16k);
        assertThat(wer).isLessThanOrEqualTo(limitOverall);
    }

    /**
     * The recogniser's own confidence tells a poor transcript from a good one: the same prompts as 8 kHz phone audio,
     * with the higher word error rate, get the lower confidence, and over all recordings the confidence falls as the
     * word error rate rises (Pearson correlation clearly negative).
     */
    private static void assertTranscriptConfidenceFollowsTheErrorRate(List<double[]> werAndConfidence,
            TreeMap<String, List<Double>> promptConfidence, TreeMap<String, int[]> byRate, int recordings) {
        double conf16 = promptConfidence.get("16k").stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double conf8 = promptConfidence.get("8k").stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double r = pearson(werAndConfidence);
        System.out.printf("Transcript confidence on the prompts: 16 kHz %.1f %%, 8 kHz %.1f %%; "
                + "Pearson r (per-recording WER vs confidence, %d recordings) = %.2f%n", 100 * conf16, 100 * conf8,
                werAndConfidence.size(), r);
        // a recording heard as no words at all has no confidence (unknown); nearly all have one
        assertThat(werAndConfidence.size()).as("transcripts with word confidences").isGreaterThanOrEqualTo(
                recordings * 9 / 10);
        assertThat(byRate.get("8k")[0] / (double) byRate.get("8k")[1])
                .as("the 8 kHz recordings are the harder ones").isGreaterThan(byRate.get("16k")[0]
                        / (double) byRate.get("16k")[1]);
        assertThat(conf8).as("8 kHz confidence below 16 kHz").isLessThan(conf16);
        assertThat(r).as("confidence falls as WER rises").isLessThan(MAX_CORRELATION);
    }

    /** Measured r = -0.59 (README, speech section); a confidence that says nothing about the errors gives about 0. */
    private static final double MAX_CORRELATION = -0.4;

    /**
     * Aligns the recognised words (normalised one by one, each token keeping its word's confidence) with the
     * reference by minimum edit distance and counts, for doubtful and for confident words, how many are wrong (a
     * substitution or an insertion) of how many.
     */
    private static void countWordsRightByConfidence(List<String> ref, Transcript t, TreeMap<Boolean, int[]> acc) {
        List<String> hyp = new ArrayList<>();
        List<Double> conf = new ArrayList<>();
        for (TranscriptWord w : t.words()) {
            for (String token : WerText.words(w.word())) {
                hyp.add(token);
                conf.add(w.confidence());
            }
        }
        int n = ref.size();
        int m = hyp.size();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1))
                        ? 0 : 1), Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        int i = n;
        int j = m;
        while (j > 0) {
            boolean wrong;
            if (i > 0 && d[i][j] == d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1)) {
                wrong = !ref.get(i - 1).equals(hyp.get(j - 1));
                i--;
            } else if (d[i][j] == d[i][j - 1] + 1) {
                wrong = true; // inserted
            } else {
                i--; // a reference word left out: no recognised word to count
                continue;
            }
            j--;
            Double c = conf.get(j);
            if (c != null) {
                int[] a = acc.computeIfAbsent(c < TranscriptConfidence.LOW_WORD, k -> new int[2]);
                a[0] += wrong ? 1 : 0;
                a[1]++;
            }
        }
    }

    static double pearson(List<double[]> xy) {
        double mx = xy.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = xy.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static final double LIMIT_16K = 0.40;
    private static final double LIMIT_OVERALL = 0.58;

    @Test
    void normalisationSpellsNumbersAndDropsPunctuation() {
        assertThat(WerText.words("Press 1, or 162 & Mr. O'Brien's 2024-call."))
                .containsExactly("press", "one", "or", "one", "hundred", "sixty", "two", "and", "mister",
                        "o'brien's", "two", "zero", "two", "four", "call");
    }

    /** The first {@value #PROMPTS} held-out prompts (by name) with at least 3 words and no sound-effect text. */
    static TreeMap<String, List<String>> heldOutPrompts() {
        TreeMap<String, List<String>> all = new TreeMap<>();
        Path txt = TestMedia.file("asterisk-core-sounds-en.txt.gz");
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(txt)),
                StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                int colon = line.indexOf(':');
                if (line.startsWith(";") || colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String text = line.substring(colon + 1).strip();
                List<String> ref = WerText.words(text);
                if (text.contains("[") || name.contains("/") || ref.size() < 3 || !heldOut(name)
                        || !Files.exists(TestMedia.file("asterisk-gsm").resolve(name + ".gsm"))) {
                    continue;
                }
                all.put(name, ref);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + txt, e);
        }
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (var e : all.entrySet()) {
            if (out.size() < PROMPTS) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static boolean heldOut(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 2 == 1;
    }
}
