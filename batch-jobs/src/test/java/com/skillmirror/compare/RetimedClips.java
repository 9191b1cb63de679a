package com.skillmirror.compare;

import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Real re-encodes of a real clip, made the way a coach's footage gets re-timed: an FFmpeg filter graph (e.g.
 * {@code setpts=PTS/0.75,fps=10}: played at 0.75x speed at the same frame rate, so FFmpeg duplicates frames, as
 * {@code ffmpeg -vf setpts=PTS/0.75} does for a constant-rate output) and an H.264 encode. The pose series of each
 * clip is computed once with the real tracker and cached under {@code target/} by the clip's content hash and the
 * pose engine's compiled code, since pose on a few hundred frames costs tens of seconds (and a figure from poses of an
 * older engine would be stale).
 */
final class RetimedClips {

    private static final Path CACHE = Path.of("target", "pose-cache");

    private RetimedClips() {
    }

    /**
     * {@code seconds} of {@code source} from {@code startSec} through {@code filter} (FFmpeg filter graph syntax),
     * written at {@code outFps} as H.264 MP4. Output frames are numbered in the order the filter graph emits
     * them, which is what a constant-rate muxer does.
     */
    static Path filtered(Path source, Path target, double startSec, double seconds, String filter, double outFps)
            throws IOException {
        Files.createDirectories(target.getParent());
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            double inFps = grabber.getFrameRate();
            if (startSec > 0) {
                grabber.setTimestamp(Math.round(startSec * 1_000_000));
            }
            try (FFmpegFrameFilter ff = new FFmpegFrameFilter(filter, grabber.getImageWidth(),
                    grabber.getImageHeight());
                 Writer writer = new Writer(target, outFps)) {
                ff.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                ff.setFrameRate(inFps);
                ff.start();
                int frames = (int) Math.round(seconds * inFps);
                Frame frame;
                for (int i = 0; i < frames && (frame = grabber.grabImage()) != null; i++) {
                    // the filter graph sees the excerpt's own time line, from 0
                    frame.timestamp = Math.round(i * 1_000_000 / inFps);
                    ff.push(frame);
                    writer.drain(ff);
                }
                ff.push(null);
                writer.drain(ff);
                if (writer.written == 0) {
                    throw new IOException("The filter " + filter + " gave no frames");
                }
            }
        } catch (org.bytedeco.javacv.FrameGrabber.Exception | org.bytedeco.javacv.FrameFilter.Exception
                 | org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new IOException("Could not re-encode " + source + " through " + filter + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Writes what the filter graph emits at a constant rate (opened on the first frame, when its size is known). */
    private static final class Writer implements AutoCloseable {
        private final Path target;
        private final double fps;
        private FFmpegFrameRecorder recorder;
        long written;

        Writer(Path target, double fps) {
            this.target = target;
            this.fps = fps;
        }

        void drain(FFmpegFrameFilter ff) throws FFmpegFrameRecorder.Exception,
                org.bytedeco.javacv.FrameFilter.Exception,
                org.bytedeco.javacv.FrameRecorder.Exception {
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
                out.timestamp = Math.round(written * 1_000_000 / fps);
                recorder.record(out);
                written++;
            }
        }

        @Override
        public void close() throws org.bytedeco.javacv.FrameRecorder.Exception {
            if (recorder != null) {
                recorder.close();
            }
        }
    }

    /** The main person's angles in a clip, tracked by the real pose engine (cached by the clip's content). */
    static FeatureSeries angles(Path clip) throws Exception {
        PoseSeries poses = poses(clip);
        return FeatureSeries.of(Kinematics.of(poses, poses.mainPersonId()));
    }

    static synchronized PoseSeries poses(Path clip) throws Exception {
        Path cached = CACHE.resolve(sha256(clip) + "-" + ENGINE + ".pose");
        if (Files.exists(cached)) {
            try (InputStream in = Files.newInputStream(cached)) {
                return PoseSeries.read(in);
            }
        }
        double fps;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            fps = grabber.getFrameRate();
        }
        PoseSeries poses = PoseClips.track(PoseClips.decode(clip, 0, Integer.MAX_VALUE, UnaryOperator.identity()),
                fps, PoseOptions.defaults());
        Files.createDirectories(CACHE);
        Path tmp = CACHE.resolve(cached.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            poses.write(out);
        }
        Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return poses;
    }

    /** A hash of the pose engine's compiled classes (package {@code pose}, not its sub-packages); "jar" in a jar. */
    private static final String ENGINE = engineHash();

    private static String engineHash() {
        try {
            Path dir = Path.of(com.skillmirror.pose.PoseTracker.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).resolve("com/skillmirror/pose");
            if (!Files.isDirectory(dir)) {
                return "jar";
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    md.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(f));
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot hash the pose engine's classes", e);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(md.digest()).substring(0, 20);
    }
}
