package com.skillmirror.pose;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Colour management as browsers (and so MediaPipe's web runtime) apply it to a still with an embedded RGB ICC
 * profile (PNG {@code iCCP}, JPEG APP2 {@code ICC_PROFILE}): the pixels are converted to sRGB. ImageIO leaves
 * them as stored. Why: an Adobe RGB PNG of the parity suite was 1.41 % from MediaPipe's landmarks, every other
 * still within 0.03 %. Profiles that map colours as sRGB does (many JPEGs embed one) are left alone, so those
 * files keep their exact levels.
 */
final class EmbeddedColourProfile {

    /** Largest deviation (levels of 255) from sRGB of the probe colours for a profile to count as sRGB. */
    private static final float SRGB_TOLERANCE = 1.5f;
    private static final float[][] PROBES = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5f, 0.5f, 0.5f}, {0.2f, 0.7f, 0.4f}, {0.9f, 0.3f, 0.6f}};

    private EmbeddedColourProfile() {
    }

    /** {@code img} in sRGB when {@code file} (PNG or JPEG bytes) embeds a usable non-sRGB RGB profile, else itself. */
    static RgbImage toSrgb(RgbImage img, byte[] file) {
        byte[] icc = profile(file);
        if (icc == null) {
            return img;
        }
        try {
            return convert(img, new ICC_ColorSpace(ICC_Profile.getInstance(icc)));
        } catch (RuntimeException brokenProfile) { // bad header, CMMException, ProfileDataException...
            return img; // shown as stored, as browsers do
        }
    }

    private static RgbImage convert(RgbImage img, ICC_ColorSpace cs) {
        if (cs.getType() != ColorSpace.TYPE_RGB || actsAsSrgb(cs)) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(img.rgb().clone(), w * h * 3),
                w, h, w * 3, 3, new int[] {0, 1, 2}, null);
        BufferedImage src = new BufferedImage(
                new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE), raster, false,
                null);
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        new ColorConvertOp(null).filter(src, dst);
        byte[] bgr = ((DataBufferByte) dst.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < out.length; i += 3) {
            out[i] = bgr[i + 2];
            out[i + 1] = bgr[i + 1];
            out[i + 2] = bgr[i];
        }
        return new RgbImage(w, h, out);
    }

    private static boolean actsAsSrgb(ICC_ColorSpace cs) {
        for (float[] c : PROBES) {
            float[] rgb = cs.toRGB(c);
            for (int k = 0; k < 3; k++) {
                if (Math.abs(rgb[k] - c[k]) * 255 > SRGB_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The embedded ICC profile of PNG or JPEG bytes; null when there is none or it cannot be read. */
    static byte[] profile(byte[] b) {
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return pngProfile(b);
        }
        if (b.length > 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
            return jpegProfile(b);
        }
        return null;
    }

    private static byte[] pngProfile(byte[] b) {
        int pos = 8;
        while (pos + 8 <= b.length) {
            long len = u32(b, pos);
            String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (len < 0 || pos + 12 + len > b.length || type.equals("IDAT")) {
                return null;
            }
            if (type.equals("iCCP")) {
                int start = pos + 8;
                int end = (int) (start + len);
                int nul = start;
                while (nul < end && b[nul] != 0) {
                    nul++;
                }
                if (nul + 2 > end) {
                    return null;
                }
                return inflate(b, nul + 2, end - nul - 2); // name, NUL, compression method 0, zlib data
            }
            pos += 12 + (int) len;
        }
        return null;
    }

    private static byte[] inflate(byte[] b, int off, int len) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    return null;
                }
                out.write(buf, 0, n);
                if (out.size() > 4 << 20) {
                    return null; // no real profile is this large
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }

    /** JPEG: APP2 segments "ICC_PROFILE\0" + sequence number + count + data, joined in sequence order. */
    private static byte[] jpegProfile(byte[] b) {
        byte[][] parts = null;
        int pos = 2;
        while (pos + 4 <= b.length && (b[pos] & 0xff) == 0xFF) {
            int marker = b[pos + 1] & 0xff;
            int len = (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
            if (marker == 0xDA || marker == 0xD9 || len < 2 || pos + 2 + len > b.length) {
                break;
            }
            if (marker == 0xE2 && len > 16 && new String(b, pos + 4, 12, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("ICC_PROFILE\0")) {
                int seq = b[pos + 16] & 0xff;
                int count = b[pos + 17] & 0xff;
                if (parts == null) {
                    parts = new byte[Math.max(1, count)][];
                }
                if (seq >= 1 && seq <= parts.length) {
                    parts[seq - 1] = java.util.Arrays.copyOfRange(b, pos + 18, pos + 2 + len);
                }
            }
            pos += 2 + len;
        }
        if (parts == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            if (p == null) {
                return null;
            }
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
