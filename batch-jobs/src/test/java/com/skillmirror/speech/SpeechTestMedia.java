package com.skillmirror.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;

import com.skillmirror.testsupport.TestMedia;

/** Real speech from the fetched test media, and helpers to build test signals from it. */
final class SpeechTestMedia {

    private SpeechTestMedia() {
    }

    record Utterance(String id, AudioClip clip, String text) {
        List<String> words() {
            return List.of(text.split("\\s+"));
        }

        int syllables() {
            return words().stream().mapToInt(Syllables::count).sum();
        }
    }

    /** The five LibriVox utterances (16 kHz, real read speech) with their reference transcripts. */
    static List<Utterance> librivox() {
        Path dir = TestMedia.file("librivox");
        try {
            List<Utterance> out = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("transcription"))) {
                if (line.isBlank()) {
                    continue;
                }
                String id = line.substring(line.lastIndexOf('(') + 1, line.lastIndexOf(')'));
                String text = line.substring(0, line.lastIndexOf('(')).replace("<s>", "").replace("</s>", "").strip();
                out.add(new Utterance(id, AudioClip.read(dir.resolve(id + ".wav")), text));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudioClip goForward() {
        try {
            return AudioClip.fromPcm16(Files.readAllBytes(TestMedia.file("goforward.raw")), 16000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudioClip tidigits() {
        try {
            return AudioClip.fromPcm16(Files.readAllBytes(TestMedia.file("tidigits").resolve("dhd.2934z.raw")), 16000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudioClip g722(String name) {
        return AudioClip.read(TestMedia.file("asterisk-g722").resolve(name + ".g722"), "g722");
    }

    /** Word error rate: word-level Levenshtein distance / reference length. */
    static int wordErrors(List<String> ref, List<String> hyp) {
        int[] prev = new int[hyp.size() + 1];
        int[] cur = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int sub = prev[j - 1] + (ref.get(i - 1).equalsIgnoreCase(hyp.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[hyp.size()];
    }

    /**
     * Speech bounds by a simple reference rule independent of the analyzer: first and last 10 ms frame within
     * 35 dB of the loudest frame and 12 dB above the recording's own background (its 10th-percentile frame), so the
     * source's room noise before and after the words is cut off.
     */
    static AudioClip trim(AudioClip clip) {
        float[] x = clip.samples();
        int hop = clip.sampleRate() / 100;
        int n = x.length / hop;
        double[] db = new double[n];
        double max = -200;
        for (int f = 0; f < n; f++) {
            double e = 0;
            for (int i = f * hop; i < (f + 1) * hop; i++) {
                e += x[i] * x[i];
            }
            db[f] = 10 * Math.log10(e / hop + 1e-12);
            max = Math.max(max, db[f]);
        }
        double[] sorted = db.clone();
        Arrays.sort(sorted);
        double limit = Math.max(max - 35, sorted[n / 10] + 12);
        int a = 0;
        while (db[a] < limit) {
            a++;
        }
        int b = n - 1;
        while (db[b] < limit) {
            b--;
        }
        return new AudioClip(Arrays.copyOfRange(x, a * hop, (b + 1) * hop), clip.sampleRate());
    }

    /** Scales to the given RMS level in dBFS. */
    static AudioClip normalize(AudioClip clip, double rmsDb) {
        float[] x = clip.samples();
        double e = 0;
        for (float v : x) {
            e += v * v;
        }
        double gain = Math.pow(10, rmsDb / 20) / Math.sqrt(e / x.length);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * gain);
        }
        return new AudioClip(y, clip.sampleRate());
    }

    /** Gaussian white noise at {@code db} dBFS RMS added (fixed seed). */
    static AudioClip withNoise(AudioClip clip, double db, long seed) {
        Random r = new Random(seed);
        double sigma = Math.pow(10, db / 20);
        float[] x = clip.samples();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] + r.nextGaussian() * sigma);
        }
        return new AudioClip(y, clip.sampleRate());
    }

    static AudioClip silence(double sec) {
        return new AudioClip(new float[(int) Math.round(sec * 16000)], 16000);
    }

    static AudioClip concat(List<AudioClip> parts) {
        int n = parts.stream().mapToInt(p -> p.samples().length).sum();
        float[] out = new float[n];
        int k = 0;
        for (AudioClip p : parts) {
            System.arraycopy(p.samples(), 0, out, k, p.samples().length);
            k += p.samples().length;
        }
        return new AudioClip(out, 16000);
    }

    /**
     * Writes a WAV with FFmpeg at {@code sampleRate} (resampled by FFmpeg) and {@code channels}: speech goes to the
     * front left/right (and centre for 5.1) channels, the other channels get a quiet copy.
     */
    static Path writeWav(AudioClip mono16k, int sampleRate, int channels, Path file) throws Exception {
        float[] x = mono16k.samples();
        short[] inter = new short[x.length * channels];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < channels; c++) {
                double gain = channels == 1 || c < 3 ? 0.7 : 0.05;
                inter[i * channels + c] = (short) Math.round(Math.max(-1, Math.min(1, x[i] * gain)) * 32767);
            }
        }
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), channels)) {
            rec.setFormat("wav");
            rec.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            rec.setSampleRate(sampleRate);
            rec.setAudioChannels(channels);
            rec.start();
            int chunk = 1024;
            for (int i = 0; i < x.length; i += chunk) {
                int len = Math.min(chunk, x.length - i);
                rec.recordSamples(16000, channels,
                        ShortBuffer.wrap(Arrays.copyOfRange(inter, i * channels, (i + len) * channels)));
            }
            rec.stop();
        }
        return file;
    }
}
