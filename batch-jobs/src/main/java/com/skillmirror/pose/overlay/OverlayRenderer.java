package com.skillmirror.pose.overlay;

import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntConsumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Skeleton overlays on the analysis proxy (see {@link SkeletonPainter} for the look). A video frame is matched to
 * the pose frame of the same index, numbered as the pose step numbers them: index = round(timestamp x fps) with the
 * series' fps; every person found in that frame is drawn.
 */
public final class OverlayRenderer {

    /** JPEG quality of key frames: the skeleton's thin coloured lines blur visibly below ~0.85. */
    static final float JPEG_QUALITY = 0.92f;

    private OverlayRenderer() {
    }

    /**
     * Writes frame {@code frameIndex} of {@code video} with its skeletons as a JPEG.
     *
     * @throws IllegalArgumentException when the video has no frame with that index
     */
    public static void keyFrame(Path video, PoseSeries series, int frameIndex, Path jpeg) throws IOException {
        writeJpeg(keyFrameImage(video, series, frameIndex), jpeg);
    }

    /** The key frame as an image (for reports that lay several out together). */
    public static BufferedImage keyFrameImage(Path video, PoseSeries series, int frameIndex) throws IOException {
        PoseFrame pose = frameMap(series).get(frameIndex);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            // seek a little before the frame (FFmpeg lands on the keyframe before it), then decode up to it
            long targetUs = Math.round(frameIndex * 1_000_000.0 / series.fps());
            if (targetUs > 1_000_000) {
                grabber.setTimestamp(targetUs - 1_000_000);
            }
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                int index = index(frame.timestamp, series.fps());
                if (index == frameIndex) {
                    BufferedImage image = toImage(frame, null);
                    if (pose != null) {
                        SkeletonPainter.paint(image, pose.people());
                    }
                    return image;
                }
                if (index > frameIndex) {
                    break;
                }
            }
            throw new IllegalArgumentException("No frame " + frameIndex + " in " + video);
        }
    }

    /**
     * Re-encodes {@code proxyVideo} as H.264 MP4 (same size, frame rate and frame count) with the skeletons drawn on
     * the frames that have people; other frames are copied as they are. Audio is not carried over.
     *
     * @param progressPercent receives 0..100 as frames are written (100 once, at the end)
     * @return the number of frames written
     */
    public static int video(Path proxyVideo, PoseSeries series, Path mp4, IntConsumer progressPercent)
            throws IOException {
        Map<Integer, PoseFrame> poses = frameMap(series);
        Path parent = mp4.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int written = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(proxyVideo.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            // one decoding thread: the encoder's thread and the other stages keep the cores busy (bench job on a
            // 60 s clip: overlay 14.3-14.8 s -> 13.9-14.2 s)
            grabber.setVideoOption("threads", "1");
            grabber.start();
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : series.fps();
            int total = Math.max(1, grabber.getLengthInVideoFrames());
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(mp4.toFile(), width, height, 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setVideoCodecName("libopenh264"); // the only H.264 encoder in this FFmpeg build
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setGopSize((int) Math.max(1, Math.round(fps)));
                // the proxy's own budget (ProxyTranscoder): the drawn lines are sharp edges that need the bits
                recorder.setVideoBitrate(Math.max(1_000_000, width * height * 4));
                recorder.start();
                int lastPercent = -1;
                // one image for the whole video: drawn frames are copied into it and out again row by row
                BufferedImage image = null;
                try (PipelinedEncoder encoder = new PipelinedEncoder(recorder, width, height)) {
                    Frame frame;
                    while ((frame = grabber.grabImage()) != null) {
                        PoseFrame pose = poses.get(index(frame.timestamp, series.fps()));
                        Frame out = encoder.next();
                        if (pose != null && !pose.people().isEmpty()) {
                            image = toImage(frame, image);
                            SkeletonPainter.paint(image, pose.people());
                            toFrame(image, out);
                        } else {
                            PipelinedEncoder.copy(frame, out);
                        }
                        encoder.submit(out);
                        written++;
                        int percent = Math.min(99, written * 100 / total);
                        if (percent != lastPercent) {
                            progressPercent.accept(percent);
                            lastPercent = percent;
                        }
                    }
                    encoder.finish();
                }
                recorder.stop();
            }
        }
        if (written == 0) {
            throw new IOException("No frame could be decoded from " + proxyVideo);
        }
        progressPercent.accept(100);
        return written;
    }

    static int index(long timestampUs, double fps) {
        return (int) Math.round(timestampUs * fps / 1_000_000.0);
    }

    private static Map<Integer, PoseFrame> frameMap(PoseSeries series) {
        Map<Integer, PoseFrame> map = new HashMap<>();
        series.frames().forEach(f -> map.put(f.index(), f));
        return map;
    }

    /**
     * The BGR24 frame's pixels in a TYPE_3BYTE_BGR image (the same byte order), copied a row at a time: javacv's
     * Java2DFrameConverter copies byte by byte and was most of the overlay's time.
     *
     * @param reuse an image of the frame's size to copy into, or null for a new one
     */
    static BufferedImage toImage(Frame frame, BufferedImage reuse) {
        BufferedImage image = reuse != null ? reuse
                : new BufferedImage(frame.imageWidth, frame.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
        int row = frame.imageWidth * 3;
        for (int y = 0; y < frame.imageHeight; y++) {
            source.position(y * frame.imageStride);
            source.get(pixels, y * row, row);
        }
        return image;
    }

    /** Copies the image into a BGR24 frame of its size, the way back of {@link #toImage}. */
    static void toFrame(BufferedImage image, Frame frame) {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer target = ((ByteBuffer) frame.image[0]).duplicate();
        int row = image.getWidth() * 3;
        for (int y = 0; y < image.getHeight(); y++) {
            target.position(y * frame.imageStride);
            target.put(pixels, y * row, row);
        }
    }

    static void writeJpeg(BufferedImage image, Path jpeg) throws IOException {
        Path parent = jpeg.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        try (java.io.OutputStream file = Files.newOutputStream(jpeg);
             ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
