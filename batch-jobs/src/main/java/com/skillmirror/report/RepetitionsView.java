package com.skillmirror.report;

import com.skillmirror.compare.RepetitionSet;
import com.skillmirror.report.AngleCharts.Chart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's repetitions section: how many, each one's score and time, the best and the worst with the moment to
 * look at, how consistent the set was and how it changed (the trend in words). Null when the take was one
 * repetition (or compared before repetitions existed).
 *
 * @param headline     e.g. "5 repetitions; the score 74 is their median"
 * @param rows         one per repetition, in order
 * @param best         the best repetition and its key moment, in words
 * @param worst        the worst one
 * @param consistency  the spread of the scores (SD, coefficient of variation) and of the durations, in words
 * @param trend        the score over the set, in words
 * @param metrics      per skill metric: its spread and change over the set
 * @param chart        score per repetition
 * @param bestImage    the best repetition's key frame (a JPEG data URI), null when not drawn
 * @param worstImage   the worst repetition's
 */
record RepetitionsView(String headline, List<Row> rows, String best, String worst, String consistency, String trend,
        List<MetricRow> metrics, String leftOut, String rule, Chart chart, String bestImage, String worstImage) {

    /** @param mark "best", "worst" or "" */
    record Row(String number, String time, String score, String keyMoment, String mark) {
    }

    record MetricRow(String name, String mean, String sd, String change) {
    }

    /** @param keyFrames the report's key frames: the pictures under {@link RepetitionFrames#BEST} and WORST */
    static RepetitionsView of(RepetitionSet set, Map<String, byte[]> keyFrames) {
        if (set == null || set.reps().isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (RepetitionSet.Rep r : set.reps()) {
            String mark = r.number() == set.best() ? "best" : r.number() == set.worst() ? "worst" : "";
            rows.add(new Row(String.valueOf(r.number()), seconds(r.fromMs()) + " – " + seconds(r.toMs()),
                    r.score() == null ? "not scored: " + r.error() : ReportModel.fmt(r.score(), 0),
                    keyMoment(r), mark));
        }
        List<MetricRow> metrics = set.metrics().stream().map(m -> new MetricRow(m.name() + " (" + m.unit() + ")",
                ReportModel.fmt(m.spread().mean(), 1), ReportModel.fmt(m.spread().sd(), 1),
                signed(m.changeFirstToLast()))).toList();
        String consistency = "Scores " + ReportModel.fmt(set.scores().min(), 0) + " to "
                + ReportModel.fmt(set.scores().max(), 0) + ": standard deviation " + ReportModel.fmt(set.scores().sd(), 1)
                + " points (coefficient of variation " + ReportModel.fmt(set.scores().cvPercent(), 1) + " %)."
                + " Duration " + seconds(set.durationMs().mean()) + " on average, varying by "
                + ReportModel.fmt(set.durationMs().cvPercent(), 0) + " %.";
        return new RepetitionsView(set.count() + " repetitions; the score " + ReportModel.fmt(set.overallScore(), 0)
                + " is their median (the take compared as one: " + ReportModel.fmt(set.wholeTakeScore(), 0) + ")",
                rows, pick("Best", set, set.best()), pick("Worst", set, set.worst()), consistency,
                set.trend().summary(), metrics, set.split() == null ? null : set.split().leftOut(),
                set.overallScoreRule(), chart(set), jpegUri(keyFrames.get(RepetitionFrames.BEST)),
                jpegUri(keyFrames.get(RepetitionFrames.WORST)));
    }

    private static String jpegUri(byte[] jpeg) {
        return jpeg == null ? null : "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
    }

    private static String pick(String which, RepetitionSet set, int number) {
        RepetitionSet.Rep r = set.reps().get(number - 1);
        return which + ": repetition " + number + " (" + ReportModel.fmt(r.score(), 0) + "), "
                + seconds(r.fromMs()) + " – " + seconds(r.toMs()) + "; look at " + keyMoment(r) + ".";
    }

    private static String keyMoment(RepetitionSet.Rep r) {
        return r.keyFrame() == null ? "" : ReportModel.humanise(r.keyFrame().event()).toLowerCase(Locale.ROOT)
                + " at " + seconds(r.keyFrame().timeMs()) + " (frame " + r.keyFrame().frameIndex() + ")";
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static String seconds(Double ms) {
        return ms == null ? "–" : seconds(ms.doubleValue());
    }

    private static String signed(Double v) {
        return v == null ? "–" : (v > 0 ? "+" : "") + ReportModel.fmt(v, 1);
    }

    private static Chart chart(RepetitionSet set) {
        XYSeries scores = new XYSeries("Score per repetition");
        set.reps().stream().filter(r -> r.score() != null).forEach(r -> scores.add(r.number(), r.score()));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f, 0x5f, 0xa8));
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        NumberAxis x = new NumberAxis("Repetition");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(new XYSeriesCollection(scores), x, new NumberAxis("Score"), renderer);
        JFreeChart chart = new JFreeChart("Score per repetition", plot);
        chart.removeLegend();
        ChartSvg.style(chart);
        return new Chart("Score per repetition", ChartSvg.svg(chart, "reps-", ChartSvg.WIDTH, 180));
    }
}
