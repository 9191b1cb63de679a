package com.skillmirror.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Offline transcription with CMU PocketSphinx (Debian packages {@code pocketsphinx} and {@code pocketsphinx-en-us},
 * 0.8+5prealpha): the clip is cut at quiet points into parts of at most 20 s, written as 16 kHz WAVs into a temp
 * folder, and decoded in one {@code pocketsphinx_batch -adcin yes -ctl LIST -ctm OUT} run (one model load; whole
 * utterances decode better than {@code pocketsphinx_continuous}'s own voice-activity cuts). Word times come from the
 * CTM file, shifted by each part's start, with each word's posterior probability as its confidence. About 30% word error rate on real speech, so transcripts are marked
 * approximate. English only (the packaged model).
 */
public final class PocketsphinxProvider implements TranscriptionProvider {

    public static final String NAME = "pocketsphinx";
    public static final String DEFAULT_BINARY = "pocketsphinx_batch";
    private static final double PART_SEC = 20;
    /**
     * CTM line: utterance channel start duration word [confidence]. pocketsphinx_batch writes the word's posterior
     * probability from the lattice (its {@code -bestpath yes} default) as the confidence.
     */
    private static final Pattern CTM_LINE = Pattern.compile(
            "^(\\S+)\\s+\\S+\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\S+)(?:\\s+(\\S+))?$");
    private static final Pattern ALTERNATE = Pattern.compile("\\(\\d+\\)$");

    private final String binary;
    private final List<String> extraArgs;
    private final double timeoutFactor;

    public PocketsphinxProvider() {
        this(DEFAULT_BINARY, List.of());
    }

    /**
     * @param binary    the pocketsphinx_batch executable (name on PATH or absolute path)
     * @param extraArgs more arguments, e.g. {@code -hmm DIR -lm FILE -dict FILE} for another model
     */
    public PocketsphinxProvider(String binary, List<String> extraArgs) {
        this.binary = binary;
        this.extraArgs = List.copyOf(extraArgs);
        this.timeoutFactor = 5.0;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean approximate() {
        return true;
    }

    @Override
    public Transcript transcribe(AudioClip clip, TranscriptionOptions opts) {
        if (opts != null && opts.language() != null && !opts.language().toLowerCase(Locale.ROOT).startsWith("en")) {
            throw new TranscriptionException("pocketsphinx has only an English model (pocketsphinx-en-us); language "
                    + opts.language() + " needs the openai provider");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("skillmirror-speech-");
            AudioClip audio = clip.resampled(AudioClip.SAMPLE_RATE);
            List<double[]> parts = AudioSplitter.split(audio, (long) (PART_SEC * AudioClip.SAMPLE_RATE));
            StringBuilder ctl = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                AudioClip part = parts.size() == 1 ? audio : audio.slice(parts.get(i)[0], parts.get(i)[1]);
                part.writeWav(dir.resolve("part" + i + ".wav"));
                ctl.append("part").append(i).append('\n');
            }
            Files.writeString(dir.resolve("parts.ctl"), ctl);
            Path ctm = dir.resolve("out.ctm");
            List<String> cmd = new ArrayList<>(List.of(binary, "-adcin", "yes", "-cepdir", dir.toString(),
                    "-cepext", ".wav", "-ctl", dir.resolve("parts.ctl").toString(), "-ctm", ctm.toString(),
                    "-hyp", dir.resolve("out.hyp").toString(), "-logfn", dir.resolve("log.txt").toString()));
            cmd.addAll(extraArgs);
            Process process;
            try {
                process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new TranscriptionException("pocketsphinx is not installed (" + binary + " not found): install "
                        + "the Debian/Ubuntu packages pocketsphinx and pocketsphinx-en-us "
                        + "(apt-get install pocketsphinx pocketsphinx-en-us), or choose the openai or none provider", e);
            }
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            long timeoutMs = (long) (30_000 + clip.durationSec() * timeoutFactor * 1000);
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TranscriptionException("pocketsphinx did not finish within " + timeoutMs / 1000 + " s");
            }
            if (process.exitValue() != 0 || !Files.exists(ctm)) {
                String log = Files.exists(dir.resolve("log.txt")) ? Files.readString(dir.resolve("log.txt")) : "";
                throw new TranscriptionException("pocketsphinx failed (exit " + process.exitValue() + "): "
                        + tail(out.getNow("") + log) + (log.contains("mdef") || log.contains("hmm")
                                ? " - is pocketsphinx-en-us installed?" : ""));
            }
            double[] offsets = parts.stream().mapToDouble(p -> p[0]).toArray();
            return parseCtm(Files.readString(ctm), offsets);
        } catch (IOException e) {
            throw new TranscriptionException("pocketsphinx could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionException("interrupted while waiting for pocketsphinx", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Parses a pocketsphinx CTM file ({@code partN 1 start duration word confidence}); times are shifted by
     * {@code offsets[N]}. Silence, noise and filler markers and alternate-pronunciation suffixes are dropped.
     */
    static Transcript parseCtm(String ctm, double[] offsets) {
        List<TranscriptWord> words = new ArrayList<>();
        for (String raw : ctm.split("\\R")) {
            var m = CTM_LINE.matcher(raw.trim());
            if (!m.matches()) {
                continue;
            }
            String w = ALTERNATE.matcher(m.group(4)).replaceAll("");
            if (w.startsWith("<") || w.startsWith("[") || w.startsWith("++")) {
                continue; // <s>, </s>, <sil>, [NOISE], [SPEECH], ++FILLER++
            }
            String utt = m.group(1);
            int part = utt.startsWith("part") ? Integer.parseInt(utt.substring(4).replaceAll("\\D.*", "")) : 0;
            double offset = part < offsets.length ? offsets[part] : 0;
            double start = Double.parseDouble(m.group(2)) + offset;
            double end = start + Double.parseDouble(m.group(3));
            words.add(new TranscriptWord(w, round3(start), round3(end), confidence(m.group(5))));
        }
        words.sort(java.util.Comparator.comparingDouble(TranscriptWord::startSec));
        String text = String.join(" ", words.stream().map(TranscriptWord::word).toList());
        return new Transcript(text, words, "en", NAME, true);
    }

    /** The CTM's confidence as a probability, or null when the line has none or it is not a number in 0..1. */
    private static Double confidence(String field) {
        if (field == null) {
            return null;
        }
        try {
            double c = Double.parseDouble(field);
            return c >= 0 && c <= 1 ? c : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // temp folder; the OS cleans up
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 400 ? t.substring(t.length() - 400) : t;
    }
}
