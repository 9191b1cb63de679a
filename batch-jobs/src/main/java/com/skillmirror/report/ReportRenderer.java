package com.skillmirror.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.skillmirror.report.progress.AthleteProgress;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders one video's report as HTML and as PDF from the same Thymeleaf template ({@code report/video.html}).
 * The template is written as XHTML, so its output is both a browser page and well-formed XML for openhtmltopdf;
 * charts are inline SVG and key frames data URIs, so the document needs nothing beside it. Thread-safe.
 */
public class ReportRenderer {

    private static final String TEMPLATE = "video";

    /**
     * Fonts with wide Unicode coverage, used by the PDF when present: the PDF's built-in fonts only cover Latin-1,
     * and an athlete's name or a transcript may not. Debian's fonts-dejavu-core puts them here.
     */
    private static final List<String[]> FONTS = List.of(
            new String[] {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans", "400"},
            new String[] {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVu Sans", "700"});

    static {
        // openhtmltopdf prints every stage of every PDF to the console at INFO; its warnings are all we want
        com.openhtmltopdf.util.XRLog.listRegisteredLoggers()
                .forEach(name -> com.openhtmltopdf.util.XRLog.setLevel(name, java.util.logging.Level.WARNING));
    }

    private final TemplateEngine engine;

    public ReportRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
        resolver.setPrefix("report/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    /** The report as a standalone XHTML page (UTF-8). */
    public String html(ReportData data) {
        Context context = new Context(Locale.ROOT);
        context.setVariables(ReportModel.variables(data));
        return engine.process(TEMPLATE, context);
    }

    /** The coach's page for one upload: ranking, shared faults with group drills, failed videos. */
    public String teamHtml(TeamReport team, String title) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("team", team);
        context.setVariable("title", title);
        context.setVariable("generated", "Generated " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        return engine.process("team", context);
    }

    /**
     * An athlete's progress as a standalone XHTML page (UTF-8): per skill, charts of the score and of the key metrics
     * over time and a table of every analysis.
     */
    public String progressHtml(AthleteProgress progress) {
        Context context = new Context(Locale.ROOT);
        context.setVariables(ProgressModel.variables(progress, Instant.now()));
        return engine.process("progress", context);
    }

    /** The same report as a PDF (A4). */
    public byte[] pdf(ReportData data) {
        return toPdf(html(data));
    }

    /** The team report as a PDF (A4), from the same template as {@link #teamHtml}. */
    public byte[] teamPdf(TeamReport team, String title) {
        return toPdf(teamHtml(team, title));
    }

    private static byte[] toPdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            for (String[] font : FONTS) {
                File file = new File(font[0]);
                if (file.isFile()) {
                    builder.useFont(file, font[1], Integer.valueOf(font[2]), PdfRendererBuilder.FontStyle.NORMAL, true);
                }
            }
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render the PDF", e);
        }
        return out.toByteArray();
    }
}
