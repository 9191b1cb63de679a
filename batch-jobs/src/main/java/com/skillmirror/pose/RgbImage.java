package com.skillmirror.pose;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
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

    /** Stills are read whole (for their colour profile and EXIF): a camera's largest JPEG is well below this. */
    static final long MAX_STILL_BYTES = 64L * 1024 * 1024;

    /**
     * Reads a still image (JPEG, PNG, ... via ImageIO; anything else FFmpeg can decode as a fallback) at full
     * resolution, turned by its EXIF orientation as browsers show it.
     */
    public static RgbImage read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("No such image file: " + path);
        }
        if (Files.size(path) > MAX_STILL_BYTES) {
            throw new IOException(path.getFileName() + " is " + Files.size(path) / (1024 * 1024) + " MB: larger than the "
                    + MAX_STILL_BYTES / (1024 * 1024) + " MB a photo may have here. Export it as a JPEG and try again.");
        }
        byte[] bytes = Files.readAllBytes(path);
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        if (img != null) {
            // browsers (and so MediaPipe's web runtime) show a still in sRGB (converted from an embedded colour
            // profile) and a JPEG turned by its EXIF orientation: so do we
            return EmbeddedColourProfile.toSrgb(fromBufferedImage(img), bytes).oriented(jpegExifOrientation(bytes));
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

    /** The EXIF orientation (1..8) of JPEG bytes, 1 when they have none or are no JPEG. */
    static int jpegExifOrientation(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return 1;
        }
        int pos = 2;
        while (pos + 4 <= b.length && (b[pos] & 0xff) == 0xFF) {
            int marker = b[pos + 1] & 0xff;
            int len = u16(b, pos + 2, false);
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int t = pos + 10; // TIFF header after "Exif\0\0"
            if (marker == 0xE1 && len >= 16 && t + 8 <= b.length && b[pos + 4] == 'E' && b[pos + 5] == 'x'
                    && b[pos + 6] == 'i' && b[pos + 7] == 'f') {
                boolean le = b[t] == 'I';
                int ifd = t + (int) u32(b, t + 4, le);
                if (ifd + 2 > b.length || ifd < t) {
                    return 1;
                }
                int n = u16(b, ifd, le);
                for (int k = 0; k < n && ifd + 2 + 12 * k + 12 <= b.length; k++) {
                    int e = ifd + 2 + 12 * k;
                    if (u16(b, e, le) == 0x0112) {
                        int v = u16(b, e + 8, le);
                        return v >= 1 && v <= 8 ? v : 1;
                    }
                }
                return 1;
            }
            pos += 2 + len;
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean le) {
        return le ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i, boolean le) {
        return le ? ((long) u16(b, i + 2, true) << 16) | u16(b, i, true)
                : ((long) u16(b, i, false) << 16) | u16(b, i + 2, false);
    }

    /** This image as displayed under an EXIF orientation (1 = as stored, 6 = turned 90 degrees clockwise, ...). */
    public RgbImage oriented(int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return this;
        }
        boolean swap = orientation >= 5;
        int dw = swap ? height : width;
        int dh = swap ? width : height;
        byte[] out = new byte[rgb.length];
        int o = 0;
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++, o += 3) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = width - 1 - dx; sy = dy; }
                    case 3 -> { sx = width - 1 - dx; sy = height - 1 - dy; }
                    case 4 -> { sx = dx; sy = height - 1 - dy; }
                    case 5 -> { sx = dy; sy = dx; }
                    case 6 -> { sx = dy; sy = height - 1 - dx; }
                    case 7 -> { sx = width - 1 - dy; sy = height - 1 - dx; }
                    default -> { sx = width - 1 - dy; sy = dx; } // 8
                }
                int i = (sy * width + sx) * 3;
                out[o] = rgb[i];
                out[o + 1] = rgb[i + 1];
                out[o + 2] = rgb[i + 2];
            }
        }
        return new RgbImage(dw, dh, out);
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
        ColorModel cm = img.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            return fromGrayLevels(img.getRaster(), cm.getComponentSize(0), w, h);
        }
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

    /**
     * A grayscale image's stored levels as they are, as a browser shows them. ImageIO gives grayscale PNGs and JPEGs
     * Java's linear gray colour space, so {@code getRGB} would "convert" them to sRGB and brighten them (level 57
     * becomes 130): the pose models would see another picture than MediaPipe does.
     */
    private static RgbImage fromGrayLevels(Raster raster, int bits, int w, int h) {
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        int max = (1 << bits) - 1;
        for (int y = 0, j = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++, j += 3) {
                int v = bits == 8 ? row[x] : (row[x] * 255 + max / 2) / max;
                out[j] = (byte) v;
                out[j + 1] = (byte) v;
                out[j + 2] = (byte) v;
            }
        }
        return new RgbImage(w, h, out);
    }
}
