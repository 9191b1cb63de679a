package com.skillmirror.cli;

import com.skillmirror.cli.Cli.UsageException;
import com.skillmirror.speech.AudioClip;
import com.skillmirror.speech.PocketsphinxProvider;
import com.skillmirror.speech.SpeechMetrics;
import com.skillmirror.speech.SpeechMetricsAnalyzer;
import com.skillmirror.speech.Transcript;
import com.skillmirror.speech.TranscriptionException;
import com.skillmirror.speech.TranscriptionOptions;
import com.skillmirror.speech.TranscriptionProvider;
import com.skillmirror.speech.VoskProvider;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * `skillmirror bench speech FILE [REPEAT]`: real-time factors of the speech engine on one audio/video file (the clip
 * is repeated to make it longer, default 10x). Prints seconds of audio processed per second of wall time for the metrics and,
 * with the real-time factor, for each offline recogniser: vosk (the default) and pocketsphinx (targets: metrics >= 30x,
 * a recogniser >= 2x real time). A recogniser that cannot run here is reported as not measured.
 */
final class SpeechBenchmark {

    private SpeechBenchmark() {
    }

    static int run(String[] args, PrintStream out) {
        if (args.length < 1 || args.length > 2) {
            throw new UsageException("bench speech needs an audio or video file and, optionally, a repeat count");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + file);
        }
        int repeat = args.length > 1 ? (int) PoseCommand.positive(args[1], "REPEAT") : 10;
        long t0 = System.nanoTime();
        AudioClip one = AudioClip.read(file);
        double decodeSec = (System.nanoTime() - t0) / 1e9;
        float[] all = new float[one.samples().length * repeat];
        for (int i = 0; i < repeat; i++) {
            System.arraycopy(one.samples(), 0, all, i * one.samples().length, one.samples().length);
        }
        AudioClip clip = new AudioClip(all, one.sampleRate());
        out.printf("file %s: %.1f s audio, decoded in %.3f s; benchmark clip %.1f s (%dx)%n", args[0],
                one.durationSec(), decodeSec, clip.durationSec(), repeat);

        SpeechMetricsAnalyzer analyzer = new SpeechMetricsAnalyzer();
        for (int i = 0; i < 3; i++) {
            analyzer.analyze(clip); // warm-up (JIT)
        }
        double[] times = new double[5];
        SpeechMetrics m = null;
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            m = analyzer.analyze(clip);
            times[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(times);
        out.printf("metrics: median %.3f s -> %.0fx real time (syllables %d, pauses %d, pitch %.0f Hz)%n",
                times[2], clip.durationSec() / times[2], m.rate().syllables(), m.pauseCount(), m.pitch().medianHz());

        // the default recogniser (auto and the speech command pick vosk) and the older one, each on the same clip
        recogniser(new VoskProvider(), clip, out);
        recogniser(new PocketsphinxProvider(), clip, out);
        return 0;
    }

    /**
     * One transcription of the whole clip, timed after a warm-up on its first seconds (which loads a model kept in
     * memory, as a worker keeps it between windows). Real-time factor = processing time / audio time (under 1 is
     * faster than real time).
     */
    private static void recogniser(TranscriptionProvider provider, AudioClip clip, PrintStream out) {
        try {
            long t = System.nanoTime();
            provider.transcribe(clip.slice(0, Math.min(WARM_UP_SEC, clip.durationSec())),
                    TranscriptionOptions.defaults());
            double warmUp = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            Transcript tr = provider.transcribe(clip, TranscriptionOptions.defaults());
            double sec = (System.nanoTime() - t) / 1e9;
            out.printf("%s: %.2f s -> %.1fx real time, real-time factor %.3f (%d words; warm-up on %.0f s: %.2f s)%n",
                    provider.name(), sec, clip.durationSec() / sec, sec / clip.durationSec(), tr.words().size(),
                    Math.min(WARM_UP_SEC, clip.durationSec()), warmUp);
        } catch (TranscriptionException e) {
            out.println(provider.name() + ": not measured: " + e.getMessage());
        }
    }

    private static final double WARM_UP_SEC = 5;
}
