package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A PDF as a reader sees it, by poppler's own tools (Debian poppler-utils, not the library that wrote it): the page
 * count from pdfinfo, the pages as PNG from pdftoppm, and simple measures of a rendered page.
 */
final class PdfPages {

    private PdfPages() {
    }

    /** Pages as pdfinfo counts them; fails the test when poppler cannot open the file. */
    static int count(Path pdf) throws Exception {
        String info = run("pdfinfo", pdf.toString());
        Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(info);
        assertThat(m.find()).as(info).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Pages first..last (1-based) as PNG at this resolution, written beside the PDF and read back. */
    static List<BufferedImage> rasterise(Path pdf, int dpi, int first, int last) throws Exception {
        String prefix = pdf.getFileName().toString().replaceFirst("\\.pdf$", "") + "-" + dpi + "dpi";
        Path dir = pdf.toAbsolutePath().getParent();
        run("pdftoppm", "-r", String.valueOf(dpi), "-f", String.valueOf(first), "-l", String.valueOf(last), "-png",
                pdf.toString(), dir.resolve(prefix).toString());
        List<Path> pngs;
        try (Stream<Path> s = Files.list(dir)) {
            pngs = s.filter(f -> f.getFileName().toString().startsWith(prefix + "-") && f.toString().endsWith(".png"))
                    .sorted().toList();
        }
        assertThat(pngs).hasSize(last - first + 1);
        List<BufferedImage> out = new ArrayList<>();
        for (Path png : pngs) {
            // a real PNG: the signature, and Java's decoder reads it
            byte[] head = Files.readAllBytes(png);
            assertThat(head).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            out.add(image);
        }
        return out;
    }

    /** Every page, as {@link #rasterise(Path, int, int, int)}. */
    static List<BufferedImage> rasterise(Path pdf, int dpi) throws Exception {
        return rasterise(pdf, dpi, 1, count(pdf));
    }

    /** Spread of the page's brightness: 0 for a blank page, well above 10 for one with text and lines. */
    static double luminanceStdDev(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
                sum += l;
                sq += l * l;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /** Pixels within a small distance of the colour: a chart line drawn in a colour used nowhere else. */
    static long pixelsNear(BufferedImage img, Color c) {
        long count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 255) - c.getRed()) < 30 && Math.abs((rgb >> 8 & 255) - c.getGreen()) < 30
                        && Math.abs((rgb & 255) - c.getBlue()) < 30) {
                    count++;
                }
            }
        }
        return count;
    }

    static long pixelsNear(List<BufferedImage> pages, Color c) {
        return pages.stream().mapToLong(p -> pixelsNear(p, c)).sum();
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + log).isZero();
        return log;
    }
}
