package com.skillmirror.decode;

import com.skillmirror.upload.VideoProbe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes the analysis proxy: upright (rotation metadata applied), scaled so the shorter side is at most
 * {@code maxShortSide}, at a constant frame rate (frames repeated or dropped by their timestamps, so a
 * variable-frame-rate phone video keeps real time), H.264 (libopenh264, the encoder in this FFmpeg build).
 */
public final class ProxyTranscoder {

    /** @param thumbnailMs the time in the proxy of the frame the thumbnail shows */
    public record Result(int width, int height, double fps, int frames, int sourceFrames, boolean variableFrameRate,
                  long decodedDurationMs, long thumbnailMs) {
    }

    /** At most this many packets' times are kept when checking an original (over 2 h at 30 fps), else transcoded. */
    static final long MAX_REUSED_PACKETS = 250_000;

    private final int maxShortSide;
    private final double maxFps;

    public ProxyTranscoder(int maxShortSide, double maxFps) {
        this.maxShortSide = maxShortSide;
        this.maxFps = maxFps;
    }

    public Result transcode(Path source, VideoProbe probe, Path proxy, Path thumbnail, IntConsumer progressPercent)
            throws IOException, UnusableMediaException {
        double fps = probe.frameRate() > 0 ? Math.min(probe.frameRate(), maxFps) : Math.min(30, maxFps);
        int[] size = outputSize(probe.displayWidth(), probe.displayHeight());
        String filters = rotationFilter(probe.rotation()) + "scale=" + size[0] + ":" + size[1] + ":flags=bilinear";
        long frameIntervalUs = Math.round(1_000_000 / fps);
        FrameTiming timing = new FrameTiming();
        int written = 0;
        long thumbnailMs = 0;
        try (FFmpegFrameGrabber grabber = UploadedMedia.open(source);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            UploadedMedia.requireAccepted(grabber.getFormat());
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(filters, grabber.getImageWidth(), grabber.getImageHeight());
                 FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(proxy.toFile(), size[0], size[1], 0)) {
                filter.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                filter.start();
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setVideoCodecName("libopenh264");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setGopSize((int) Math.round(fps));
                recorder.setVideoBitrate(Math.max(1_000_000, size[0] * size[1] * 4));
                recorder.start();

                long firstTs = Long.MIN_VALUE;
                long durationUs = Math.max(1, probe.durationMs() * 1000);
                boolean thumbnailDone = false;
                Frame lastScaled = null;
                int lastPercent = -1;
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    long ts = grabber.getTimestamp();
                    if (firstTs == Long.MIN_VALUE) {
                        firstTs = ts;
                    }
                    long rel = ts - firstTs;
                    timing.add(rel);
                    // Constant frame rate: output frame k shows the newest source frame at or before k * interval.
                    long copies = (rel + frameIntervalUs / 2) / frameIntervalUs + 1 - written;
                    if (copies <= 0 && written > 0) {
                        continue;
                    }
                    filter.push(frame);
                    Frame scaled;
                    while ((scaled = filter.pull()) != null) {
                        lastScaled = scaled;
                        for (long c = 0; c < Math.max(1, copies); c++) {
                            recorder.record(scaled);
                            written++;
                        }
                        if (!thumbnailDone && rel >= durationUs / 2) {
                            writeThumbnail(converter.convert(scaled), thumbnail);
                            thumbnailMs = proxyTimeMs(written - 1, frameIntervalUs);
                            thumbnailDone = true;
                        }
                    }
                    int percent = (int) Math.min(100, rel * 100 / durationUs);
                    if (percent != lastPercent) {
                        progressPercent.accept(percent);
                        lastPercent = percent;
                    }
                }
                if (written == 0) {
                    throw new UnusableMediaException("No picture could be decoded from this file (it is probably"
                            + " truncated or damaged). Re-export it as MP4 (H.264) and upload it again.");
                }
                if (!thumbnailDone) {
                    // a clip whose timestamps never reached its stated middle (short or truncated): last frame
                    writeThumbnail(converter.convert(lastScaled), thumbnail);
                    thumbnailMs = proxyTimeMs(written - 1, frameIntervalUs);
                }
                recorder.stop();
            }
        } catch (UnusableMediaException e) {
            throw e;
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new UnusableMediaException("The video could not be decoded: " + e.getMessage()
                    + ". Re-export it as MP4 (H.264) and upload it again.", e);
        } catch (Exception e) {
            throw new IOException("Writing the analysis proxy failed: " + e.getMessage(), e);
        }
        return new Result(size[0], size[1], fps, written, timing.count(), timing.isVariable(), timing.lastUs() / 1000,
                thumbnailMs);
    }

    /**
     * The original's video as the proxy, when it already is what {@link #transcode} would write: H.264 in MP4/MOV
     * (what browsers play; HEVC and VP9 are not safe in every browser, so they are still re-encoded), 4:2:0, upright,
     * even dimensions with the shorter side at most {@code maxShortSide}, at most {@code maxFps}, one video stream,
     * and its frames' timestamps starting at 0 at a constant rate (read from the packets, nothing decoded but the
     * thumbnail's frame). Then its video packets are remuxed as they are into a new MP4 (faststart): no frame is
     * re-encoded, and, like a transcoded proxy, it has no audio, no other track and none of the original's metadata
     * (GPS location, device, title).
     *
     * @return the proxy's description, or null when the original is not fit or its remux or thumbnail failed
     *     (then {@link #transcode}, which fails the video with a message for the user if the file is broken)
     */
    public Result reuseIfFit(Path source, VideoProbe probe, Path proxy, Path thumbnail)
            throws IOException, UnusableMediaException {
        int shortSide = Math.min(probe.width(), probe.height());
        if (probe.container() == null || !probe.container().startsWith("mov,mp4") || !"h264".equals(probe.videoCodec())
                || probe.rotation() != 0 || shortSide > maxShortSide || probe.width() % 2 != 0
                || probe.height() % 2 != 0 || !(probe.frameRate() > 0) || probe.frameRate() > maxFps) {
            return null;
        }
        double fps = probe.frameRate();
        long intervalUs = Math.round(1_000_000 / fps);
        // a constant rate from 0 has about duration x fps packets: more than that (or than the cap) is not fit,
        // and the list of their times stays bounded
        long maxPackets = probe.durationMs() > 0
                ? Math.min(MAX_REUSED_PACKETS, (long) Math.ceil(probe.durationMs() / 1000.0 * fps * 1.1) + 10)
                : MAX_REUSED_PACKETS;
        List<Long> times = new ArrayList<>();
        boolean fit = false;
        try (FFmpegFrameGrabber grabber = UploadedMedia.open(source)) {
            grabber.start();
            UploadedMedia.requireAccepted(grabber.getFormat());
            AVFormatContext input = grabber.getFormatContext();
            int stream = grabber.getVideoStream();
            int videoStreams = 0;
            for (int i = 0; i < input.nb_streams(); i++) {
                if (input.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    videoStreams++;
                }
            }
            // the stream's own pixel format (the grabber's getPixelFormat is the one it would convert to); the
            // recorder copies the parameters of the input's video stream, so there must be only the one
            AVCodecParameters codecpar = input.streams(stream).codecpar();
            if (videoStreams != 1 || codecpar.format() != avutil.AV_PIX_FMT_YUV420P) {
                return null;
            }
            AVRational timeBase = input.streams(stream).time_base();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(proxy.toFile(), codecpar.width(),
                    codecpar.height(), 0)) {
                recorder.setFormat("mp4");
                recorder.setOption("movflags", "+faststart");
                recorder.start(input);
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    try {
                        if (packet.stream_index() != stream) {
                            continue;
                        }
                        if (packet.pts() == avutil.AV_NOPTS_VALUE || times.size() >= maxPackets) {
                            return null;
                        }
                        times.add(packet.pts() * 1_000_000L * timeBase.num() / timeBase.den());
                        recorder.recordPacket(packet);
                    } finally {
                        // grabPacket hands out the grabber's packet, read into without being released
                        avcodec.av_packet_unref(packet);
                    }
                }
                recorder.stop();
            }
            fit = !times.isEmpty() && constantFromZero(times, fps, intervalUs);
        } catch (FFmpegFrameGrabber.Exception | FFmpegFrameRecorder.Exception e) {
            return null;
        } finally {
            if (!fit) {
                java.nio.file.Files.deleteIfExists(proxy);
            }
        }
        if (!fit) {
            return null;
        }
        int frames = times.size();
        long thumbnailMs;
        try {
            thumbnailMs = writeThumbnailAt(proxy, thumbnail, fps, frames / 2);
        } catch (IOException e) {
            // e.g. a packet the muxer took that does not decode: the transcoder says what is wrong, for this video only
            java.nio.file.Files.deleteIfExists(proxy);
            java.nio.file.Files.deleteIfExists(thumbnail);
            return null;
        }
        return new Result(probe.width(), probe.height(), fps, frames, frames, false, times.get(frames - 1) / 1000,
                thumbnailMs);
    }

    /** From 0 and constant: each frame within a tenth of an interval of where the constant rate puts it. */
    private static boolean constantFromZero(List<Long> times, double fps, long intervalUs) {
        Collections.sort(times);
        for (int i = 0; i < times.size(); i++) {
            if (Math.abs(times.get(i) - i * 1_000_000.0 / fps) > intervalUs / 10.0) {
                return false;
            }
        }
        return true;
    }

    /** The thumbnail from frame {@code index} (or the nearest decodable after it); its time in the proxy. */
    private static long writeThumbnailAt(Path video, Path thumbnail, double fps, int index) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            long targetUs = Math.round(index * 1_000_000.0 / fps);
            if (targetUs > 1_000_000) {
                grabber.setTimestamp(targetUs - 1_000_000);
            }
            Frame frame;
            Frame last = null;
            while ((frame = grabber.grabImage()) != null) {
                last = frame;
                if (Math.round(frame.timestamp * fps / 1_000_000.0) >= index) {
                    break;
                }
            }
            if (last == null) {
                throw new IOException("No frame could be decoded for the thumbnail of " + video);
            }
            writeThumbnail(converter.convert(last), thumbnail);
            return Math.round(Math.round(last.timestamp * fps / 1_000_000.0) * 1000.0 / fps);
        }
    }

    /** The time of proxy frame {@code index}, as the pose stage times its frames. */
    private static long proxyTimeMs(int index, long frameIntervalUs) {
        return Math.round(index * frameIntervalUs / 1000.0);
    }

    private static void writeThumbnail(BufferedImage image, Path target) throws IOException {
        if (image != null) {
            ImageIO.write(image, "jpg", target.toFile());
        }
    }

    /** Even dimensions (H.264 with 4:2:0 needs them), aspect kept, shorter side at most maxShortSide. */
    int[] outputSize(int width, int height) {
        double scale = Math.min(1.0, maxShortSide / (double) Math.min(width, height));
        int w = Math.max(2, (int) Math.round(width * scale / 2) * 2);
        int h = Math.max(2, (int) Math.round(height * scale / 2) * 2);
        return new int[] {w, h};
    }

    static String rotationFilter(int clockwise) {
        return switch (clockwise) {
            case 90 -> "transpose=clock,";
            case 180 -> "hflip,vflip,";
            case 270 -> "transpose=cclock,";
            default -> "";
        };
    }

    /** Frame-interval statistics: a spread of intervals means a variable-frame-rate source. */
    private static final class FrameTiming {
        private long previous = Long.MIN_VALUE;
        private long last;
        private int count;
        private double sum;
        private double sumSq;
        private int intervals;

        void add(long us) {
            if (previous != Long.MIN_VALUE && us > previous) {
                double d = us - previous;
                sum += d;
                sumSq += d * d;
                intervals++;
            }
            previous = us;
            last = us;
            count++;
        }

        int count() {
            return count;
        }

        long lastUs() {
            return last;
        }

        boolean isVariable() {
            if (intervals < 3) {
                return false;
            }
            double mean = sum / intervals;
            double sd = Math.sqrt(Math.max(0, sumSq / intervals - mean * mean));
            return sd / mean > 0.1;
        }
    }
}
