package com.skillmirror.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Video and audio files made by the tests with FFmpeg (javacv): sizes, rotations, audio or not, broken ones. */
public final class TestClips {

    private TestClips() {
    }

    /** A clip of a moving bright square on a gradient, H.264 in MP4, optionally with a 440 Hz tone and rotation metadata. */
    public static Path video(Path target, int width, int height, double fps, double seconds, boolean withAudio,
                             int rotationDegrees) throws IOException {
        return video(target, width, height, fps, seconds, withAudio, rotationDegrees, java.util.Map.of());
    }

    /** As {@link #video(Path, int, int, double, double, boolean, int)}, with container metadata (title, location...). */
    public static Path video(Path target, int width, int height, double fps, double seconds, boolean withAudio,
                             int rotationDegrees, java.util.Map<String, String> metadata) throws IOException {
        int frames = (int) Math.round(fps * seconds);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), width, height, withAudio ? 1 : 0)) {
            recorder.setFormat(target.toString().endsWith(".avi") ? "avi" : "mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoBitrate(Math.max(500_000, width * height * 2));
            recorder.setMetadata(new java.util.HashMap<>(metadata));
            if (rotationDegrees != 0) {
                recorder.setDisplayRotation(rotationDegrees);
            }
            if (withAudio) {
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(44_100);
                recorder.setAudioChannels(1);
                recorder.setAudioBitrate(96_000);
            }
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            int samplesPerFrame = (int) Math.round(44_100 / fps);
            long sample = 0;
            for (int i = 0; i < frames; i++) {
                int size = Math.max(8, Math.min(width, height) / 6);
                int x0 = (int) ((width - size) * (0.5 + 0.45 * Math.sin(i * 2 * Math.PI / Math.max(1, frames))));
                int y0 = (height - size) / 2;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        boolean square = x >= x0 && x < x0 + size && y >= y0 && y < y0 + size;
                        int p = y * stride + x * 3;
                        pixels.put(p, (byte) (square ? 255 : x * 255 / width));
                        pixels.put(p + 1, (byte) (square ? 255 : y * 255 / height));
                        pixels.put(p + 2, (byte) (square ? 255 : 96));
                    }
                }
                frame.timestamp = Math.round(i * 1_000_000 / fps);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                if (withAudio) {
                    short[] tone = new short[samplesPerFrame];
                    for (int s = 0; s < tone.length; s++, sample++) {
                        tone[s] = (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / 44_100.0));
                    }
                    recorder.recordSamples(44_100, 1, ShortBuffer.wrap(tone));
                }
            }
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("Could not write test clip " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** An audio-only file (AAC in M4A). */
    public static Path audioOnly(Path target, double seconds) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), 1)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(44_100);
            recorder.setAudioBitrate(96_000);
            recorder.start();
            short[] tone = new short[(int) (44_100 * seconds)];
            for (int s = 0; s < tone.length; s++) {
                tone[s] = (short) (8000 * Math.sin(2 * Math.PI * 330 * s / 44_100.0));
            }
            recorder.recordSamples(44_100, 1, ShortBuffer.wrap(tone));
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("Could not write test audio " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * A part of a real video through an FFmpeg filter (e.g. "crop=480:320:150:256,scale=960:640"), as H.264 MP4:
     * how the tests turn a wide shot with small people into a clip of one athlete.
     */
    public static Path excerpt(Path source, Path target, double startSec, double seconds, String filter) throws IOException {
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            grabber.setTimestamp(Math.round(startSec * 1_000_000));
            double fps = grabber.getFrameRate();
            try (org.bytedeco.javacv.FFmpegFrameFilter ff = new org.bytedeco.javacv.FFmpegFrameFilter(filter,
                    grabber.getImageWidth(), grabber.getImageHeight())) {
                ff.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                ff.start();
                FFmpegFrameRecorder recorder = null;
                try {
                    int frames = (int) Math.round(seconds * fps);
                    Frame frame;
                    for (int i = 0; i < frames && (frame = grabber.grabImage()) != null; i++) {
                        ff.push(frame);
                        Frame out;
                        while ((out = ff.pull()) != null) {
                            if (recorder == null) {
                                recorder = new FFmpegFrameRecorder(target.toFile(), out.imageWidth, out.imageHeight, 0);
                                recorder.setFormat("mp4");
                                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                                recorder.setVideoCodecName("libopenh264");
                                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                                recorder.setFrameRate(fps);
                                recorder.setVideoBitrate(out.imageWidth * out.imageHeight * 4);
                                recorder.start();
                            }
                            out.timestamp = Math.round(i * 1_000_000 / fps);
                            recorder.record(out);
                        }
                    }
                } finally {
                    if (recorder != null) {
                        recorder.close();
                    }
                }
            }
        } catch (org.bytedeco.javacv.FrameGrabber.Exception | org.bytedeco.javacv.FrameFilter.Exception
                 | FFmpegFrameRecorder.Exception e) {
            throw new IOException("Could not cut " + source + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The first part of a file, as a copy that stopped half-way. */
    public static Path truncated(Path source, Path target, double keepFraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        byte[] head = java.util.Arrays.copyOf(bytes, (int) (bytes.length * keepFraction));
        return Files.write(target, head);
    }
}
