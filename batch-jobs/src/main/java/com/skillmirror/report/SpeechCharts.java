package com.skillmirror.report;

import com.skillmirror.report.AngleCharts.Chart;
import com.skillmirror.speech.SpeechMetrics;
import com.skillmirror.speech.SpeechResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Pace, pitch and loudness over the talk, from the speech result's timeline (bins of a fraction of a second: level,
 * median pitch or none when unvoiced, share spoken) and its syllable nuclei. Drawn like the angle charts, as SVG.
 */
final class SpeechCharts {

    /** The speech lines' colour: no other chart uses it, so a rendered page shows where the speech charts are. */
    static final Color SPEECH = new Color(0x94, 0x67, 0xbd);
    private static final Color PAUSE = new Color(0xee, 0xee, 0xee);
    /** Syllables are counted over this window around each bin: one bin alone holds 0-3 syllables, too coarse to read. */
    static final double PACE_WINDOW_SEC = 3.0;

    /**
     * The charts, or why there are none.
     *
     * @param missing null when all three charts are there, else what is missing and why
     */
    record Result(List<Chart> charts, String missing) {
    }

    private SpeechCharts() {
    }

    /** From the speech stage's result: its metrics' timeline, syllable nuclei and pauses. */
    static Result of(SpeechResult speech) {
        SpeechMetrics metrics = speech.metrics();
        List<SpeechMetrics.TimelinePoint> bins = metrics == null ? null : metrics.timeline();
        if (bins == null) {
            return new Result(List.of(), "This speech analysis has no timeline (it was made by an earlier version of"
                    + " SkillMirror): analyse the video again to get pace, pitch and loudness over time.");
        }
        if (bins.size() < 2) {
            return new Result(List.of(), "The recording is too short to chart over time (" + bins.size()
                    + " timeline bin).");
        }
        double[] t = new double[bins.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = bins.get(i).startSec();
        }
        double step = t[1] - t[0];
        List<Chart> charts = new ArrayList<>();
        List<String> missing = new ArrayList<>();

        SpeechMetrics.Rate rate = metrics.rate();
        List<Double> nuclei = rate == null || rate.nucleiSec() == null ? List.of() : rate.nucleiSec();
        List<SpeechMetrics.Segment> pauses = metrics.pauses() == null ? List.of() : metrics.pauses();
        XYSeries pace = new XYSeries("Syllables per second (" + (int) PACE_WINDOW_SEC + " s window)", false, true);
        double duration = t[t.length - 1] + step;
        for (double start : t) {
            double centre = start + step / 2;
            double from = Math.max(0, centre - PACE_WINDOW_SEC / 2);
            double to = Math.min(duration, centre + PACE_WINDOW_SEC / 2);
            long count = nuclei.stream().filter(n -> n >= from && n < to).count();
            pace.add(centre, to > from ? count / (to - from) : 0);
        }
        JFreeChart paceChart = line("Pace over time", "Syllables / s", pace);
        if (rate != null) {
            level(paceChart, rate.syllablesPerSec(), "average " + ReportModel.fmt(rate.syllablesPerSec(), 1));
        }
        shadePauses(paceChart, pauses);
        charts.add(new Chart("Pace over time", ChartSvg.svg(paceChart, "speech0_", ChartSvg.WIDTH, ChartSvg.HEIGHT)));

        XYSeries pitch = new XYSeries("Median pitch per bin", false, true);
        int voiced = 0;
        for (int i = 0; i < t.length; i++) {
            Double hz = bins.get(i).pitchHz();
            // an unvoiced bin is a gap: joining across it would draw a pitch nobody spoke
            pitch.add(t[i] + step / 2, hz);
            voiced += hz == null ? 0 : 1;
        }
        if (voiced >= 2) {
            JFreeChart pitchChart = line("Pitch over time", "Pitch (Hz)", pitch);
            // a voiced bin between two unvoiced ones has no line to either side: a dot shows it
            XYLineAndShapeRenderer dots = (XYLineAndShapeRenderer) pitchChart.getXYPlot().getRenderer();
            dots.setSeriesShapesVisible(0, true);
            dots.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
            SpeechMetrics.Pitch pitchSummary = metrics.pitch();
            if (pitchSummary != null && pitchSummary.medianHz() > 0) {
                level(pitchChart, pitchSummary.medianHz(), "median " + ReportModel.fmt(pitchSummary.medianHz(), 0)
                        + " Hz");
            }
            charts.add(new Chart("Pitch over time", ChartSvg.svg(pitchChart, "speech1_", ChartSvg.WIDTH,
                    ChartSvg.HEIGHT)));
        } else {
            missing.add("No pitch chart: fewer than two stretches of the recording were voiced.");
        }

        XYSeries loudness = new XYSeries("Level per bin", false, true);
        for (int i = 0; i < t.length; i++) {
            loudness.add(t[i] + step / 2, bins.get(i).loudnessDb());
        }
        JFreeChart loudnessChart = line("Loudness over time", "Level (dBFS)", loudness);
        shadePauses(loudnessChart, pauses);
        charts.add(new Chart("Loudness over time", ChartSvg.svg(loudnessChart, "speech2_", ChartSvg.WIDTH,
                ChartSvg.HEIGHT)));
        return new Result(charts, missing.isEmpty() ? null : String.join(" ", missing));
    }

    private static JFreeChart line(String title, String axis, XYSeries series) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "Time (s)", axis, new XYSeriesCollection(series),
                PlotOrientation.VERTICAL, false, false, false);
        ChartSvg.style(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, SPEECH);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        chart.getXYPlot().setRenderer(renderer);
        return chart;
    }

    /** A dashed horizontal line at the talk's overall value, so the eye sees where it speeds up or drops. */
    private static void level(JFreeChart chart, double value, String label) {
        ValueMarker marker = new ValueMarker(value, Color.DARK_GRAY,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
        marker.setLabel(label);
        marker.setLabelFont(ChartSvg.LABEL_FONT);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        chart.getXYPlot().addRangeMarker(marker);
    }

    /** Pauses as grey bands behind the line. */
    private static void shadePauses(JFreeChart chart, List<SpeechMetrics.Segment> pauses) {
        XYPlot plot = chart.getXYPlot();
        for (SpeechMetrics.Segment p : pauses) {
            if (p.endSec() > p.startSec()) {
                plot.addDomainMarker(new IntervalMarker(p.startSec(), p.endSec(), PAUSE), Layer.BACKGROUND);
            }
        }
    }
}
