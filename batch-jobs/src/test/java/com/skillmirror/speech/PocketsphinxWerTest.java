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
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
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
     * the transcript confidence separates (by the provider's {@link ConfidenceRule}; also printed by the default
     * rule when the provider has its own), and holds the word error rates under the limits given.
     *
     * @return the recordings as heard, for further checks of the confidence rule
     */
    static List<Heard> measureOnHeldOutSet(TranscriptionProvider provider, double limit16k, double limitOverall) {
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
        List<Heard> heard = new ArrayList<>();
        System.out.println("| recording | rate | words | WER | confidence | doubtful words | hypothesis |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Recording r : recordings) {
            Transcript t = provider.transcribe(r.clip(), TranscriptionOptions.defaults());
            List<String> hyp = WerText.words(t.text());
            int e = SpeechTestMedia.wordErrors(r.ref(), hyp);
            TranscriptConfidence c = TranscriptConfidence.of(t);
            heard.add(new Heard(t, e, r.ref().size(), wordsRightOrWrong(r.ref(), t)));
            double recordingWer = (double) e / r.ref().size();
            System.out.printf("| %s | %s | %d | %.0f %% | %s | %s | %s |%n", r.id(), r.rate(), r.ref().size(),
                    100 * recordingWer, c == null ? "-" : String.format("%.0f %%%s", 100 * c.mean(), c.poor() ? " (poor)" : ""),
                    c == null ? "-" : String.format("%.0f %%", 100 * c.lowWordShare()), String.join(" ", hyp));
            if (c != null) {
                werAndConfidence.add(new double[] {recordingWer, c.mean()});
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
        // what "poor" and a greyed word separate, by the provider's own rule and by the default one it replaces
        ConfidenceRule own = ConfidenceRule.of(provider.name());
        RuleCheck check = RuleCheck.of(own, heard);
        check.print("provider's rule");
        if (!own.equals(ConfidenceRule.DEFAULT)) {
            RuleCheck.of(ConfidenceRule.DEFAULT, heard).print("default rule, for comparison");
        }
        assertThat(check.poorWer()).as("some transcripts marked poor, some not").hasSize(2);
        assertThat(check.wrongShare(true)).as("doubtful words wrong more often").isGreaterThan(check.wrongShare(false));
        assertThat(check.pooledWer(true)).as("WER marked poor vs not").isGreaterThan(check.pooledWer(false));
        assertThat(byRate.get("16k")[0] / (double) byRate.get("16k")[1]).isLessThanOrEqualTo(limit16k);
        assertThat(wer).isLessThanOrEqualTo(limitOverall);
        return heard;
    }

    /**
     * One recording as heard: its transcript, word errors, reference length, and per recognised word (in order) its
     * confidence (null = none) and whether it is wrong.
     */
    record Heard(Transcript transcript, int errors, int refWords, List<Map.Entry<Double, Boolean>> words) {
    }

    /**
     * What a {@link ConfidenceRule} separates on a set of recordings.
     *
     * @param poorWer  per marked poor (true) / not (false): [word errors, reference words, recordings]
     * @param byDoubt  per doubtful (true) / confident (false) recognised word: [wrong, all]
     */
    record RuleCheck(ConfidenceRule rule, Map<Boolean, int[]> poorWer, Map<Boolean, int[]> byDoubt) {

        static RuleCheck of(ConfidenceRule rule, List<Heard> heard) {
            Map<Boolean, int[]> poor = new TreeMap<>();
            Map<Boolean, int[]> doubt = new TreeMap<>();
            for (Heard h : heard) {
                TranscriptConfidence c = TranscriptConfidence.of(h.transcript(), rule);
                if (c != null) {
                    int[] acc = poor.computeIfAbsent(c.poor(), k -> new int[3]);
                    acc[0] += h.errors();
                    acc[1] += h.refWords();
                    acc[2]++;
                }
                for (Map.Entry<Double, Boolean> w : h.words()) {
                    if (w.getKey() != null) {
                        int[] acc = doubt.computeIfAbsent(w.getKey() < rule.lowWord(), k -> new int[2]);
                        acc[0] += w.getValue() ? 1 : 0;
                        acc[1]++;
                    }
                }
            }
            return new RuleCheck(rule, poor, doubt);
        }

        double pooledWer(boolean poor) {
            int[] a = poorWer.getOrDefault(poor, new int[3]);
            return a[0] / (double) a[1];
        }

        int recordings(boolean poor) {
            return poorWer.getOrDefault(poor, new int[3])[2];
        }

        /** Share of the doubtful (true) or confident (false) recognised words that are wrong. */
        double wrongShare(boolean doubtful) {
            int[] a = byDoubt.getOrDefault(doubtful, new int[2]);
            return a[0] / (double) a[1];
        }

        /** Share of the wrong recognised words that are greyed (doubtful). */
        double wrongGreyed() {
            int greyed = byDoubt.getOrDefault(true, new int[2])[0];
            return greyed / (double) (greyed + byDoubt.getOrDefault(false, new int[2])[0]);
        }

        void print(String what) {
            System.out.printf("%s %s: marked poor %d of %d recordings%n", what, rule, recordings(true),
                    recordings(true) + recordings(false));
            poorWer.forEach((poor, acc) -> System.out.printf("  WER of the transcripts %s: %.1f %% (%d/%d words)%n",
                    poor ? "marked poor" : "not marked poor", 100.0 * acc[0] / acc[1], acc[0], acc[1]));
            byDoubt.forEach((doubtful, acc) -> System.out.printf("  Recognised words %s: %.1f %% wrong (%d/%d)%n",
                    doubtful ? "under " + Math.round(rule.lowWord() * 100) + " % confidence (greyed)" : "the others",
                    100.0 * acc[0] / acc[1], acc[0], acc[1]));
            int[] d = byDoubt.getOrDefault(true, new int[2]);
            System.out.printf("  Greyed words: precision %.1f %% (%d/%d wrong), recall %.1f %% of the wrong words%n",
                    100 * wrongShare(true), d[0], d[1], 100 * wrongGreyed());
        }
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
     * reference by minimum edit distance; per recognised token, in order, its confidence and whether it is wrong (a
     * substitution or an insertion). A reference word left out has no recognised word to count.
     */
    static List<Map.Entry<Double, Boolean>> wordsRightOrWrong(List<String> ref, Transcript t) {
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
        List<Map.Entry<Double, Boolean>> out = new ArrayList<>();
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
                i--;
                continue;
            }
            j--;
            out.add(0, new AbstractMap.SimpleEntry<>(conf.get(j), wrong));
        }
        return out;
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
