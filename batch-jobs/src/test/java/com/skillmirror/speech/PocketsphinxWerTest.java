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
 * uses only the held-out half. Text normalisation: {@link WerText}. Needs pocketsphinx and pocketsphinx-en-us.
 */
class PocketsphinxWerTest {

    /** Held-out prompts per sample rate: enough words for a stable rate, few enough for CI time. */
    private static final int PROMPTS = 12;

    private record Recording(String id, String rate, AudioClip clip, List<String> ref) {
    }

    @Test
    void wordErrorRatePerRecordingAndOverallOnHeldOutRealSpeech() {
        PocketsphinxProvider provider = new PocketsphinxProvider();
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
        System.out.println("| recording | rate | words | WER | hypothesis |");
        System.out.println("|---|---|---|---|---|");
        for (Recording r : recordings) {
            Transcript t = provider.transcribe(r.clip(), TranscriptionOptions.defaults());
            List<String> hyp = WerText.words(t.text());
            int e = SpeechTestMedia.wordErrors(r.ref(), hyp);
            System.out.printf("| %s | %s | %d | %.0f %% | %s |%n", r.id(), r.rate(), r.ref().size(),
                    100.0 * e / r.ref().size(), String.join(" ", hyp));
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
        // regression limits just above the measured level (38.3 % at 16 kHz, 55.3 % overall on 2026-12-02; see the
        // README's speech section). The target of 30 % overall is not reached yet: lower these as it improves
        assertThat(byRate.get("16k")[0] / (double) byRate.get("16k")[1]).isLessThanOrEqualTo(LIMIT_16K);
        assertThat(wer).isLessThanOrEqualTo(LIMIT_OVERALL);
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
