package com.skillmirror.pose;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * A packed RGB24 image: {@code rgb[(y * width + x) * 3 + c]}, c = 0 red, 1 green, 2 blue; row stride 3 * width.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Bad image size " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("Expected " + width * height * 3 + " bytes for " + width + "x" + height
                    + " RGB24, got " + rgb.length);
        }
    }

    /** Channel order of an 8-bit 3-channel javacv frame. */
    public enum ChannelOrder { RGB, BGR }

    /**
     * Copies a javacv frame (8-bit, 3 channels, as FFmpegFrameGrabber produces for pixel format RGB24 or BGR24;
     * BGR24 is javacv's default) into a packed RGB image, honouring the frame's row stride.
     */
    public static RgbImage fromFrame(Frame frame, ChannelOrder order) {
        if (frame == null || frame.image == null || frame.image.length == 0) {
            throw new IllegalArgumentException("Frame has no image");
        }
        if (frame.imageChannels != 3 || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new IllegalArgumentException("Expected an 8-bit 3-channel frame (RGB24/BGR24), got channels="
                    + frame.imageChannels + " depth=" + frame.imageDepth);
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        ByteBuffer buf = ((ByteBuffer) frame.image[0]).duplicate();
        int stride = frame.imageStride;
        byte[] out = new byte[w * h * 3];
        int row = w * 3;
        if (stride == row) {
            buf.position(0);
            buf.get(out, 0, out.length);
        } else {
            for (int y = 0; y < h; y++) {
                buf.position(y * stride);
                buf.get(out, y * row, row);
            }
        }
        if (order == ChannelOrder.BGR) {
            for (int i = 0; i < out.length; i += 3) {
                byte b = out[i];
                out[i] = out[i + 2];
                out[i + 2] = b;
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Reads a still image (JPEG, PNG, ... via ImageIO; anything else FFmpeg can decode as a fallback). */
    public static RgbImage read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("No such image file: " + path);
        }
        BufferedImage img = ImageIO.read(path.toFile());
        if (img != null) {
            return fromBufferedImage(img);
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile())) {
            grabber.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            Frame frame = grabber.grabImage();
            if (frame == null) {
                throw new IOException("No image decoded from " + path);
            }
            return fromFrame(frame, ChannelOrder.RGB);
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException("Cannot decode image " + path + ": " + e.getMessage(), e);
        }
    }

    /** A copy of the rectangle (x, y, w, h), which must lie inside the image. */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("Crop " + w + "x" + h + "+" + x + "+" + y + " outside " + width + "x" + height);
        }
        byte[] out = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(rgb, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** Bilinear resize (pixel centres aligned, edge pixels replicated). */
    public RgbImage resize(int w, int h) {
        float[] tmp = new float[w * h * 3];
        // pixel-centre mapping: src = (dst + 0.5) * scale - 0.5; ImageOps maps dst corners to the rectangle corners
        float sx = (float) width / w;
        float sy = (float) height / h;
        ImageOps.crop(this, width / 2f + 0.5f * sx - 0.5f, height / 2f + 0.5f * sy - 0.5f, width, height, 0f,
                w, h, 1f, 0f, false, tmp);
        byte[] out = new byte[tmp.length];
        for (int i = 0; i < tmp.length; i++) {
            out[i] = (byte) Math.min(255, Math.max(0, Math.round(tmp[i])));
        }
        return new RgbImage(w, h, out);
    }

    static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            int p = argb[i];
            out[j] = (byte) (p >> 16);
            out[j + 1] = (byte) (p >> 8);
            out[j + 2] = (byte) p;
        }
        return new RgbImage(w, h, out);
    }
}
