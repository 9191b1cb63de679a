package com.skillmirror.decode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * The audio track of an upload (opened only as {@link UploadedMedia} allows) to 16 kHz mono signed 16-bit WAV,
 * streamed through a temporary raw file (never all in memory).
 */
public final class AudioExtractor {

    public static final int SAMPLE_RATE = 16_000;

    private AudioExtractor() {
    }

    /** @return the number of samples written; 0 when the track decoded to nothing */
    public static long toWav(Path source, Path wav) throws IOException {
        Path raw = Files.createTempFile(wav.getParent(), "audio", ".pcm");
        long samples = 0;
        try {
            try (FFmpegFrameGrabber grabber = UploadedMedia.open(source);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
                grabber.setSampleRate(SAMPLE_RATE);
                grabber.setAudioChannels(1);
                grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
                grabber.start();
                if (!UploadedMedia.accepted(grabber.getFormat())) {
                    throw new IOException("not a video format SkillMirror analyses: " + grabber.getFormat());
                }
                byte[] bytes = new byte[0];
                Frame frame;
                while ((frame = grabber.grabSamples()) != null) {
                    if (frame.samples == null) {
                        continue;
                    }
                    ShortBuffer buffer = (ShortBuffer) frame.samples[0];
                    int n = buffer.remaining();
                    if (bytes.length < n * 2) {
                        bytes = new byte[n * 2];
                    }
                    for (int i = 0; i < n; i++) {
                        short s = buffer.get(buffer.position() + i);
                        bytes[2 * i] = (byte) s;
                        bytes[2 * i + 1] = (byte) (s >> 8);
                    }
                    out.write(bytes, 0, n * 2);
                    samples += n;
                }
            }
            AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
            try (InputStream in = Files.newInputStream(raw);
                 AudioInputStream audio = new AudioInputStream(new java.io.BufferedInputStream(in, 1 << 16), format, samples)) {
                AudioSystem.write(audio, AudioFileFormat.Type.WAVE, wav.toFile());
            }
            return samples;
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
