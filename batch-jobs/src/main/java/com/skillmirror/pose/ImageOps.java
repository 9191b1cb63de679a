package com.skillmirror.pose;

/**
 * Pre-processing on raw RGB24 arrays, matching MediaPipe's ImageToTensorCalculator: bilinear, no anti-aliasing, on
 * the full-resolution image, a rotated rectangle of the image mapped onto the output tensor. Two conventions:
 *
 * <ul>
 *   <li>{@link #crop}: the CPU converter (OpenCV warpPerspective): the rectangle's corners map onto the corners
 *       (0,0)..(W,H) of the output, pixel centres at integer coordinates in both; out of the image: zero pixels
 *       blended bilinearly, or edge pixels.
 *   <li>{@link #cropLikeGpu}: the GPU converter (a fragment shader; the one MediaPipe's web runtime, and so our
 *       parity references, run): each output pixel samples at its centre ((u + 0.5) / W of the rectangle), texel
 *       centres at i + 0.5, CLAMP_TO_EDGE; with the zero border a sample outside the texture is a zero pixel
 *       and one inside is clamped (WebGL has no CLAMP_TO_BORDER: the shader's CUSTOM_ZERO_BORDER_MODE).
 * </ul>
 *
 * <p>Why the pose engine uses the GPU convention for both networks: MediaPipe's web runtime runs it on every
 * platform (its CPU-inference option moves only the networks to the CPU). With it, our landmarks equal those of
 * that runtime with CPU inference (parity suite, README pose section: 30 of 31 stills and all 59 frames within
 * 0.03 %). With the CPU convention the half-pixel shift changed which pixels a strong downscale samples: detector
 * scores moved by a few hundredths, close calls between people in group photos flipped, and a tracked clip
 * followed a bystander.
 */
final class ImageOps {

    private ImageOps() {
    }

    /**
     * The GPU convention (see the class comment); arguments as for {@link #crop}.
     */
    static void cropLikeGpu(RgbImage img, float cx, float cy, float w, float h, float rotation,
                            int outW, int outH, float scale, float offset, boolean zeroBorder, float[] out) {
        sample(img, cx, cy, w, h, rotation, outW, outH, scale, offset, zeroBorder, true, out);
    }

    /**
     * Samples the rotated rectangle (pixel units; rotation in radians, clockwise in image coordinates) into an
     * HWC float tensor: value = pixel * scale + offset.
     *
     * @param zeroBorder outside the image: true = black pixels (BORDER_ZERO), false = edge pixels (BORDER_REPLICATE)
     */
    static void crop(RgbImage img, float cx, float cy, float w, float h, float rotation,
                     int outW, int outH, float scale, float offset, boolean zeroBorder, float[] out) {
        sample(img, cx, cy, w, h, rotation, outW, outH, scale, offset, zeroBorder, false, out);
    }

    private static void sample(RgbImage img, float cx, float cy, float w, float h, float rotation, int outW, int outH,
                               float scale, float offset, boolean zeroBorder, boolean gpu, float[] out) {
        final int iw = img.width();
        final int ih = img.height();
        final byte[] px = img.rgb();
        final double cos = Math.cos(rotation);
        final double sin = Math.sin(rotation);
        // source = centre + R * ((u/outW - 0.5) * w, (v/outH - 0.5) * h)
        final double dxu = cos * w / outW;
        final double dyu = sin * w / outW;
        final double dxv = -sin * h / outH;
        final double dyv = cos * h / outH;
        double left = cx - 0.5 * cos * w + 0.5 * sin * h;
        double top = cy - 0.5 * sin * w - 0.5 * cos * h;
        if (gpu) {
            // sample at the output pixel's centre, in coordinates whose texel centres are at i + 0.5
            left += 0.5 * (dxu + dxv) - 0.5;
            top += 0.5 * (dyu + dyv) - 0.5;
        }
        final double x00 = left;
        final double y00 = top;
        final float zero = offset; // a black pixel
        int o = 0;
        for (int v = 0; v < outH; v++) {
            double sx = x00 + dxv * v;
            double sy = y00 + dyv * v;
            for (int u = 0; u < outW; u++, sx += dxu, sy += dyu, o += 3) {
                // (int) truncates toward zero: equal to floor for x >= 0, the only case of the fast path
                int x0 = sx >= 0 ? (int) sx : (int) Math.floor(sx);
                int y0 = sy >= 0 ? (int) sy : (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < iw && y0 + 1 < ih) {
                    int i00 = (y0 * iw + x0) * 3;
                    int i01 = i00 + iw * 3;
                    float w11 = fx * fy;
                    float w10 = fx - w11;
                    float w01 = fy - w11;
                    float w00 = 1 - fx - w01;
                    float s00 = w00 * scale;
                    float s10 = w10 * scale;
                    float s01 = w01 * scale;
                    float s11 = w11 * scale;
                    out[o] = s00 * (px[i00] & 0xff) + s10 * (px[i00 + 3] & 0xff)
                            + s01 * (px[i01] & 0xff) + s11 * (px[i01 + 3] & 0xff) + offset;
                    out[o + 1] = s00 * (px[i00 + 1] & 0xff) + s10 * (px[i00 + 4] & 0xff)
                            + s01 * (px[i01 + 1] & 0xff) + s11 * (px[i01 + 4] & 0xff) + offset;
                    out[o + 2] = s00 * (px[i00 + 2] & 0xff) + s10 * (px[i00 + 5] & 0xff)
                            + s01 * (px[i01 + 2] & 0xff) + s11 * (px[i01 + 5] & 0xff) + offset;
                } else if (zeroBorder && gpu) {
                    // outside the texture [0, W] x [0, H] (texel centres at i + 0.5): zero; inside: clamped
                    if (sx < -0.5 || sy < -0.5 || sx > iw - 0.5 || sy > ih - 0.5) {
                        out[o] = zero;
                        out[o + 1] = zero;
                        out[o + 2] = zero;
                        continue;
                    }
                    clampedBilinear(px, iw, ih, x0, y0, fx, fy, scale, offset, out, o);
                } else if (zeroBorder) {
                    if (x0 + 1 < 0 || y0 + 1 < 0 || x0 >= iw || y0 >= ih) {
                        out[o] = zero;
                        out[o + 1] = zero;
                        out[o + 2] = zero;
                        continue;
                    }
                    for (int c = 0; c < 3; c++) {
                        float val = (1 - fx) * (1 - fy) * pixelOrZero(px, iw, ih, x0, y0, c)
                                + fx * (1 - fy) * pixelOrZero(px, iw, ih, x0 + 1, y0, c)
                                + (1 - fx) * fy * pixelOrZero(px, iw, ih, x0, y0 + 1, c)
                                + fx * fy * pixelOrZero(px, iw, ih, x0 + 1, y0 + 1, c);
                        out[o + c] = val * scale + offset;
                    }
                } else {
                    clampedBilinear(px, iw, ih, x0, y0, fx, fy, scale, offset, out, o);
                }
            }
        }
    }

    /** Bilinear with edge replication (BORDER_REPLICATE / CLAMP_TO_EDGE). */
    private static void clampedBilinear(byte[] px, int iw, int ih, int x0, int y0, float fx, float fy,
                                        float scale, float offset, float[] out, int o) {
        int xa = clamp(x0, iw);
        int xb = clamp(x0 + 1, iw);
        int ya = clamp(y0, ih);
        int yb = clamp(y0 + 1, ih);
        int i00 = (ya * iw + xa) * 3;
        int i10 = (ya * iw + xb) * 3;
        int i01 = (yb * iw + xa) * 3;
        int i11 = (yb * iw + xb) * 3;
        for (int c = 0; c < 3; c++) {
            float val = (1 - fx) * (1 - fy) * (px[i00 + c] & 0xff) + fx * (1 - fy) * (px[i10 + c] & 0xff)
                    + (1 - fx) * fy * (px[i01 + c] & 0xff) + fx * fy * (px[i11 + c] & 0xff);
            out[o + c] = val * scale + offset;
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }

    private static float pixelOrZero(byte[] px, int iw, int ih, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= iw || y >= ih) {
            return 0f;
        }
        return px[(y * iw + x) * 3 + c] & 0xff;
    }
}
