package com.skillmirror.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;

/**
 * Mono audio as float samples in [-1, 1] at a given sample rate (16 kHz everywhere in the speech engine).
 * Immutable by convention: the array is not copied, do not modify it.
 */
public final class AudioClip {

    public static final int SAMPLE_RATE = 16_000;

    private final float[] samples;
    private final int sampleRate;

    public AudioClip(float[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.samples = samples;
        this.sampleRate = sampleRate;
    }

    public float[] samples() {
        return samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public double durationSec() {
        return samples.length / (double) sampleRate;
    }

    /** Reads any audio or video file (every format FFmpeg knows) as 16 kHz mono. */
    public static AudioClip read(Path path) {
        return read(path, null);
    }

    /**
     * Reads a file as 16 kHz mono; {@code format} forces an FFmpeg demuxer (e.g. "g722" for headerless G.722,
     * "s16le" for raw 16 kHz PCM), null to probe.
     *
     * @throws NoAudioException when the file has no audio stream
     * @throws SpeechException when the file cannot be read
     */
    public static AudioClip read(Path path, String format) {
        if (!Files.isReadable(path)) {
            throw new SpeechException("Cannot read audio: " + path + " does not exist or is not readable");
        }
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile())) {
            if (format != null) {
                grabber.setFormat(format);
            }
            // no setSampleRate: FFmpeg's resampling in the grabber leaves some decoders (raw GSM) at their own rate
            // while labelling the frames 16 kHz; the clip is resampled in Java instead
            grabber.setAudioChannels(1);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.start();
            if (!grabber.hasAudio()) {
                throw new NoAudioException(path);
            }
            float[] out = new float[1 << 16];
            int n = 0;
            int rate = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null || frame.samples.length == 0) {
                    continue;
                }
                if (rate == 0) {
                    rate = frame.sampleRate > 0 ? frame.sampleRate : grabber.getSampleRate();
                }
                ShortBuffer sb = (ShortBuffer) frame.samples[0];
                int count = sb.remaining();
                if (n + count > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + count));
                }
                int pos = sb.position();
                for (int i = 0; i < count; i++) {
                    out[n++] = sb.get(pos + i) / 32768f;
                }
            }
            grabber.stop();
            return new AudioClip(Arrays.copyOf(out, n), rate == 0 ? SAMPLE_RATE : rate).resampled(SAMPLE_RATE);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new SpeechException("Cannot decode audio from " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Band-limited resampling (windowed sinc, 32 taps, Hann window; the cut-off is the lower of the two Nyquist
     * frequencies), so 8 kHz phone audio becomes 16 kHz without the images and muffling of linear interpolation.
     */
    public AudioClip resampled(int rate) {
        if (rate == sampleRate) {
            return this;
        }
        double step = sampleRate / (double) rate;
        double cutoff = Math.min(1.0, rate / (double) sampleRate);
        int half = (int) Math.ceil(16 / cutoff);
        float[] out = new float[(int) Math.floor(samples.length / step)];
        for (int i = 0; i < out.length; i++) {
            double t = i * step;
            int c = (int) Math.floor(t);
            double acc = 0;
            for (int k = c - half + 1; k <= c + half; k++) {
                if (k < 0 || k >= samples.length) {
                    continue;
                }
                double d = t - k;
                double x = Math.PI * d * cutoff;
                double sinc = Math.abs(x) < 1e-9 ? 1 : Math.sin(x) / x;
                double w = 0.5 + 0.5 * Math.cos(Math.PI * d / half);
                acc += samples[k] * sinc * cutoff * w;
            }
            out[i] = (float) acc;
        }
        return new AudioClip(out, rate);
    }

    /** Little-endian signed 16-bit mono PCM at {@code sampleRate} (e.g. the pocketsphinx .raw test files). */
    public static AudioClip fromPcm16(byte[] pcm, int sampleRate) {
        ShortBuffer sb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        float[] s = new float[sb.remaining()];
        for (int i = 0; i < s.length; i++) {
            s[i] = sb.get(i) / 32768f;
        }
        return new AudioClip(s, sampleRate);
    }

    /** The samples from {@code startSec} to {@code endSec} (clamped). */
    public AudioClip slice(double startSec, double endSec) {
        int a = (int) Math.max(0, Math.min(samples.length, Math.round(startSec * sampleRate)));
        int b = (int) Math.max(a, Math.min(samples.length, Math.round(endSec * sampleRate)));
        return new AudioClip(Arrays.copyOfRange(samples, a, b), sampleRate);
    }

    /** Signed 16-bit little-endian PCM, clipped. */
    public byte[] toPcm16() {
        ByteBuffer bb = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : samples) {
            float c = Math.max(-1f, Math.min(1f, v));
            bb.putShort((short) Math.round(c * 32767f));
        }
        return bb.array();
    }

    /** A canonical 44-byte-header RIFF/WAVE file, 16-bit mono. */
    public byte[] toWav() {
        byte[] pcm = toPcm16();
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length);
        out.writeBytes(h.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    public void writeWav(Path path) throws IOException {
        Files.write(path, toWav());
    }
}
