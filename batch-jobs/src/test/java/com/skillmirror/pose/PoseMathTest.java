package com.skillmirror.pose;

import com.skillmirror.landmarks.RoiBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.testsupport.TestMedia;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry and post-processing pieces, checked against MediaPipe's definitions. */
class PoseMathTest {

    @Test
    void anchorsFollowThePoseDetectionGraph() {
        float[] a = PoseDetector.generateAnchors();
        assertThat(a).hasSize(2 * 2254);
        // stride 8: 28x28 cells, 2 anchors each, centred in the cell
        assertThat(a[0]).isCloseTo(0.5f / 28, within(1e-6f));
        assertThat(a[1]).isCloseTo(0.5f / 28, within(1e-6f));
        assertThat(a[2]).isCloseTo(a[0], within(1e-6f));
        // first stride-16 anchor follows the 1568 stride-8 ones
        assertThat(a[2 * 1568]).isCloseTo(0.5f / 14, within(1e-6f));
        // last anchor: stride 32, 7x7 cells, 6 anchors per cell, bottom-right cell
        assertThat(a[2 * 2253]).isCloseTo(6.5f / 7, within(1e-6f));
        assertThat(a[2 * 2253 + 1]).isCloseTo(6.5f / 7, within(1e-6f));
    }

    @Test
    void roiOfAnUprightPersonIsUnrotatedSquareScaled() {
        // hip centre at (0.5, 0.6), full-body point straight above at (0.5, 0.3) in a 200x100 image
        RoiBox roi = RoiMath.roi(0.5f, 0.6f, 0.5f, 0.3f, 200, 100);
        assertThat(roi.rotation()).isCloseTo(0f, within(1e-6f));
        assertThat(roi.xCenter()).isEqualTo(0.5f);
        assertThat(roi.yCenter()).isEqualTo(0.6f);
        // side = 2 * 30 px * 1.25 = 75 px
        assertThat(roi.width() * 200).isCloseTo(75f, within(1e-3f));
        assertThat(roi.height() * 100).isCloseTo(75f, within(1e-3f));
    }

    @Test
    void roiRotationFollowsTheBody() {
        // lying person: the full-body point to the right of the hips -> rotated +90° (clockwise in image space)
        RoiBox right = RoiMath.roi(0.5f, 0.5f, 0.8f, 0.5f, 100, 100);
        assertThat(right.rotation()).isCloseTo((float) (Math.PI / 2), within(1e-5f));
        RoiBox left = RoiMath.roi(0.5f, 0.5f, 0.2f, 0.5f, 100, 100);
        assertThat(left.rotation()).isCloseTo((float) (-Math.PI / 2), within(1e-5f));
        assertThat(RoiMath.normalizeRadians(3 * Math.PI)).isCloseTo(-Math.PI, within(1e-9));
    }

    @Test
    void axisAlignedCropReproducesPixels() throws Exception {
        RgbImage img = RgbImage.read(TestMedia.file("opencv_messi5.jpg"));
        // a 64x64 crop whose corners map to pixel corners: pixel (u, v) of the output samples (x0 + u, y0 + v)
        float[] out = new float[64 * 64 * 3];
        int x0 = 100;
        int y0 = 50;
        ImageOps.crop(img, x0 + 32f, y0 + 32f, 64f, 64f, 0f, 64, 64, 1f, 0f, true, out);
        for (int v = 0; v < 64; v += 7) {
            for (int u = 0; u < 64; u += 5) {
                for (int c = 0; c < 3; c++) {
                    int expected = img.rgb()[((y0 + v) * img.width() + x0 + u) * 3 + c] & 0xff;
                    assertThat(out[(v * 64 + u) * 3 + c]).isCloseTo(expected, within(1e-3f));
                }
            }
        }
    }

    @Test
    void rotatedCropTurnsTheImage() throws Exception {
        RgbImage img = RgbImage.read(TestMedia.file("opencv_messi5.jpg"));
        float[] straight = new float[32 * 32 * 3];
        float[] turned = new float[32 * 32 * 3];
        ImageOps.crop(img, 200f, 150f, 32f, 32f, 0f, 32, 32, 1f, 0f, true, straight);
        ImageOps.crop(img, 200f, 150f, 32f, 32f, (float) (Math.PI / 2), 32, 32, 1f, 0f, true, turned);
        // rotation +90°: output column u runs down the image, output row v runs right to left
        // turned(u, v) samples centre + R(90°)(u - 16, v - 16) = (200 - (v - 16), 150 + (u - 16)) = straight(32 - v, u)
        for (int v = 1; v < 32; v += 3) {
            for (int u = 0; u < 32; u += 3) {
                int su = 32 - v;
                int sv = u;
                assertThat(turned[(v * 32 + u) * 3]).isCloseTo(straight[(sv * 32 + su) * 3], within(1e-2f));
            }
        }
    }

    @Test
    void zeroBorderOutsideAndReplicateBorder() throws Exception {
        RgbImage img = RgbImage.read(TestMedia.file("opencv_messi5.jpg"));
        float[] out = new float[8 * 8 * 3];
        ImageOps.crop(img, -100f, -100f, 8f, 8f, 0f, 8, 8, 2f / 255f, -1f, true, out);
        for (float f : out) {
            assertThat(f).isEqualTo(-1f);
        }
        ImageOps.crop(img, -100f, -100f, 8f, 8f, 0f, 8, 8, 1f, 0f, false, out);
        assertThat(out[0]).isEqualTo(img.rgb()[0] & 0xff);
    }

    @Test
    void gpuConventionSamplesAtOutputPixelCentres() throws Exception {
        RgbImage img = RgbImage.read(TestMedia.file("opencv_messi5.jpg"));
        int x0 = 100;
        int y0 = 50;
        // same size: output pixel u's centre (x0 + u + 0.5) is texel x0 + u's centre: the pixels themselves
        float[] same = new float[64 * 64 * 3];
        ImageOps.cropLikeGpu(img, x0 + 32f, y0 + 32f, 64f, 64f, 0f, 64, 64, 1f, 0f, true, same);
        assertThat(same[(10 * 64 + 20) * 3]).isCloseTo(img.rgb()[((y0 + 10) * img.width() + x0 + 20) * 3] & 0xff,
                within(1e-3f));
        // half size: output pixel u's centre is x0 + 2u + 1, halfway between texels x0 + 2u and x0 + 2u + 1
        // (the CPU convention samples texel x0 + 2u itself)
        float[] half = new float[32 * 32 * 3];
        ImageOps.cropLikeGpu(img, x0 + 32f, y0 + 32f, 64f, 64f, 0f, 32, 32, 1f, 0f, true, half);
        int u = 7;
        int v = 5;
        double expected = 0;
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                expected += 0.25 * (img.rgb()[((y0 + 2 * v + dy) * img.width() + x0 + 2 * u + dx) * 3] & 0xff);
            }
        }
        assertThat(half[(v * 32 + u) * 3]).isCloseTo((float) expected, within(1e-3f));
    }

    @Test
    void gpuZeroBorderIsZeroOutsideTheTextureAndClampedInside() throws Exception {
        RgbImage img = RgbImage.read(TestMedia.file("opencv_messi5.jpg"));
        // an 8x8 crop whose left half lies left of the image: columns 0..3 sample outside [0, W]: zero (-1 here);
        // column 4 samples at x = 0.5 (texel 0's centre), exactly the edge pixel, not blended with black
        float[] out = new float[8 * 8 * 3];
        ImageOps.cropLikeGpu(img, 0f, 100f, 8f, 8f, 0f, 8, 8, 2f / 255f, -1f, true, out);
        for (int u = 0; u < 4; u++) {
            assertThat(out[(3 * 8 + u) * 3]).isEqualTo(-1f);
        }
        float edge = (img.rgb()[(99 * img.width()) * 3] & 0xff) * 2f / 255f - 1f;
        assertThat(out[(3 * 8 + 4) * 3]).isCloseTo(edge, within(1e-4f));
    }

    @Test
    void grayscaleImagesKeepTheirStoredLevels() throws Exception {
        // opencv_basketball1.png is an 8-bit grayscale PNG: a browser shows level L as (L, L, L)
        java.awt.image.BufferedImage raw = javax.imageio.ImageIO.read(TestMedia.file("opencv_basketball1.png").toFile());
        assertThat(raw.getColorModel().getColorSpace().getType()).isEqualTo(java.awt.color.ColorSpace.TYPE_GRAY);
        RgbImage img = RgbImage.read(TestMedia.file("opencv_basketball1.png"));
        for (int[] p : new int[][] {{10, 10}, {100, 100}, {300, 200}}) {
            int level = raw.getRaster().getSample(p[0], p[1], 0);
            int i = (p[1] * img.width() + p[0]) * 3;
            assertThat(new int[] {img.rgb()[i] & 0xff, img.rgb()[i + 1] & 0xff, img.rgb()[i + 2] & 0xff})
                    .containsExactly(level, level, level);
        }
    }

    @Test
    void embeddedNonSrgbProfileIsConvertedToSrgbAndSrgbProfilesLeftAlone() throws Exception {
        // tracking_faces.png embeds Adobe RGB (1998): a browser converts it to sRGB, which saturates colours
        java.nio.file.Path adobe = ParityMedia.fetched("tracking_faces.png");
        byte[] adobeBytes = java.nio.file.Files.readAllBytes(adobe);
        assertThat(EmbeddedColourProfile.profile(adobeBytes)).isNotNull();
        RgbImage stored = RgbImage.fromBufferedImage(javax.imageio.ImageIO.read(adobe.toFile()));
        RgbImage shown = RgbImage.read(adobe);
        long changed = 0;
        double satStored = 0;
        double satShown = 0;
        for (int i = 0; i < stored.rgb().length; i += 3) {
            int r0 = stored.rgb()[i] & 0xff, g0 = stored.rgb()[i + 1] & 0xff, b0 = stored.rgb()[i + 2] & 0xff;
            int r1 = shown.rgb()[i] & 0xff, g1 = shown.rgb()[i + 1] & 0xff, b1 = shown.rgb()[i + 2] & 0xff;
            if (r0 != r1 || g0 != g1 || b0 != b1) {
                changed++;
            }
            satStored += Math.max(r0, Math.max(g0, b0)) - Math.min(r0, Math.min(g0, b0));
            satShown += Math.max(r1, Math.max(g1, b1)) - Math.min(r1, Math.min(g1, b1));
        }
        assertThat(changed).isGreaterThan(stored.rgb().length / 3 / 2);
        assertThat(satShown).isGreaterThan(satStored * 1.05);
        // kphotoalbum_bar55.jpg embeds an sRGB profile: its levels stay exactly as stored
        java.nio.file.Path srgb = ParityMedia.fetched("kphotoalbum_bar55.jpg");
        assertThat(EmbeddedColourProfile.profile(java.nio.file.Files.readAllBytes(srgb))).isNotNull();
        assertThat(RgbImage.read(srgb).rgb())
                .isEqualTo(RgbImage.fromBufferedImage(javax.imageio.ImageIO.read(srgb.toFile())).rgb());
    }

    @Test
    void weightedNmsAveragesOverlappingDetections() {
        Detection a = new Detection(0.9f, 0.1f, 0.1f, 0.5f, 0.5f, new float[] {0.3f, 0.3f, 0, 0, 0, 0, 0, 0});
        Detection b = new Detection(0.6f, 0.12f, 0.12f, 0.52f, 0.52f, new float[] {0.4f, 0.4f, 0, 0, 0, 0, 0, 0});
        Detection c = new Detection(0.7f, 0.6f, 0.6f, 0.9f, 0.9f, new float[8]);
        List<Detection> out = PoseDetector.weightedNms(List.of(b, c, a), 0.3f);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).score()).isEqualTo(0.9f);
        assertThat(out.get(0).keypointX(0)).isCloseTo((0.3f * 0.9f + 0.4f * 0.6f) / 1.5f, within(1e-6f));
        assertThat(out.get(0).xmin()).isCloseTo((0.1f * 0.9f + 0.12f * 0.6f) / 1.5f, within(1e-6f));
        assertThat(out.get(1).score()).isEqualTo(0.7f);
    }

    @Test
    void oneEuroFollowsFastMotionAndDampsNoise() {
        OneEuroFilter still = new OneEuroFilter(30, 0.05, 80, 1);
        double last = 0;
        double maxDev = 0;
        for (int i = 1; i <= 60; i++) {
            double noisy = 100 + ((i % 2 == 0) ? 0.5 : -0.5);
            last = still.apply(i * 33_333_333L, noisy, 1 / 200.0);
            if (i > 10) {
                maxDev = Math.max(maxDev, Math.abs(last - 100));
            }
        }
        assertThat(maxDev).isLessThan(0.5); // noise damped
        OneEuroFilter moving = new OneEuroFilter(30, 0.05, 80, 1);
        double out = 0;
        for (int i = 1; i <= 30; i++) {
            out = moving.apply(i * 33_333_333L, i * 10.0, 1 / 200.0);
        }
        assertThat(out).isGreaterThan(300 - 20); // little lag on fast motion
        assertThat(moving.apply(30 * 33_333_333L, 5.0, 1)).isEqualTo(5.0); // same timestamp: raw value
    }

    @Test
    void resizeKeepsContentAndSize() throws Exception {
        RgbImage img = RgbImage.read(TestMedia.file("opencv_messi5.jpg"));
        RgbImage big = img.resize(img.width() * 2, img.height() * 2);
        assertThat(big.width()).isEqualTo(img.width() * 2);
        // pixel (2x + 0.5, 2y + 0.5) of the big image sits at (x + 0.5/2 ... ) ~ same colour as (x, y)
        long diff = 0;
        int n = 0;
        for (int y = 10; y < img.height() - 10; y += 13) {
            for (int x = 10; x < img.width() - 10; x += 11) {
                int a = img.rgb()[(y * img.width() + x) * 3 + 1] & 0xff;
                int b = big.rgb()[((2 * y) * big.width() + 2 * x) * 3 + 1] & 0xff;
                diff += Math.abs(a - b);
                n++;
            }
        }
        assertThat((double) diff / n).isLessThan(12);
        RgbImage crop = img.crop(10, 20, 30, 40);
        assertThat(crop.rgb()[0]).isEqualTo(img.rgb()[(20 * img.width() + 10) * 3]);
    }
}
