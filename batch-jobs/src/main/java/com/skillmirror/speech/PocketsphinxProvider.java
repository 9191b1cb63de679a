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
 * Offline transcription with CMU PocketSphinx (Debian packages {@code pocketsphinx} and {@code pocketsphinx-en-us}):
 * runs {@code pocketsphinx_continuous -infile clip.wav -time yes} on a temporary 16 kHz WAV and reads the word
 * lines ({@code word start end confidence}, seconds from the start of the file). About 30% word error rate on
 * real speech, so transcripts are marked approximate. English only (the packaged model).
 */
public final class PocketsphinxProvider implements TranscriptionProvider {

    public static final String NAME = "pocketsphinx";
    public static final String DEFAULT_BINARY = "pocketsphinx_continuous";
    private static final Pattern WORD_LINE = Pattern.compile("^(\\S+) (\\d+\\.\\d+) (\\d+\\.\\d+) (\\d+\\.\\d+)$");
    private static final Pattern ALTERNATE = Pattern.compile("\\(\\d+\\)$");

    private final String binary;
    private final List<String> extraArgs;
    private final double timeoutFactor;

    public PocketsphinxProvider() {
        this(DEFAULT_BINARY, List.of());
    }

    /**
     * @param binary    the pocketsphinx_continuous executable (name on PATH or absolute path)
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
        Path wav = null;
        try {
            wav = Files.createTempFile("skillmirror-speech-", ".wav");
            resample16k(clip).writeWav(wav);
            List<String> cmd = new ArrayList<>(List.of(binary, "-infile", wav.toString(), "-time", "yes",
                    "-logfn", "/dev/null"));
            cmd.addAll(extraArgs);
            Process process;
            try {
                process = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            } catch (IOException e) {
                throw new TranscriptionException("pocketsphinx is not installed (" + binary + " not found): install "
                        + "the Debian/Ubuntu packages pocketsphinx and pocketsphinx-en-us "
                        + "(apt-get install pocketsphinx pocketsphinx-en-us), or choose the openai or none provider", e);
            }
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String out = readAll(process.getInputStream());
            long timeoutMs = (long) (30_000 + clip.durationSec() * timeoutFactor * 1000);
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TranscriptionException("pocketsphinx did not finish within " + timeoutMs / 1000 + " s");
            }
            if (process.exitValue() != 0) {
                String e = err.getNow("");
                throw new TranscriptionException("pocketsphinx failed (exit " + process.exitValue() + "): "
                        + tail(e) + (e.contains("acoustic model") || e.contains("hmm")
                                ? " - is pocketsphinx-en-us installed?" : ""));
            }
            return parse(out);
        } catch (IOException e) {
            throw new TranscriptionException("pocketsphinx could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionException("interrupted while waiting for pocketsphinx", e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // temp file; the OS cleans up
                }
            }
        }
    }

    /** Parses pocketsphinx_continuous -time yes output: hypothesis lines and "word start end conf" lines. */
    static Transcript parse(String output) {
        List<TranscriptWord> words = new ArrayList<>();
        for (String raw : output.split("\\R")) {
            var m = WORD_LINE.matcher(raw.trim());
            if (!m.matches()) {
                continue;
            }
            String w = ALTERNATE.matcher(m.group(1)).replaceAll("");
            if (w.startsWith("<") || w.startsWith("[") || w.startsWith("++")) {
                continue; // <s>, </s>, <sil>, [NOISE], [SPEECH], ++FILLER++
            }
            words.add(new TranscriptWord(w, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        }
        String text = String.join(" ", words.stream().map(TranscriptWord::word).toList());
        return new Transcript(text, words, "en", NAME, true);
    }

    private static AudioClip resample16k(AudioClip clip) {
        if (clip.sampleRate() == AudioClip.SAMPLE_RATE) {
            return clip;
        }
        float[] in = clip.samples();
        double ratio = clip.sampleRate() / (double) AudioClip.SAMPLE_RATE;
        float[] out = new float[(int) (in.length / ratio)];
        for (int i = 0; i < out.length; i++) {
            double pos = i * ratio;
            int k = (int) pos;
            double frac = pos - k;
            float a = in[Math.min(k, in.length - 1)];
            float b = in[Math.min(k + 1, in.length - 1)];
            out[i] = (float) (a + (b - a) * frac);
        }
        return new AudioClip(out, AudioClip.SAMPLE_RATE);
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
