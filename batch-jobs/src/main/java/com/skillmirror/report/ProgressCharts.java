package com.skillmirror.report;

import com.skillmirror.report.AngleCharts.Chart;
import com.skillmirror.report.progress.ProgressPoint;
import com.skillmirror.report.progress.SkillTrend;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** An athlete's score and key metrics per analysis, over the analysis dates (one dot per analysis). */
final class ProgressCharts {

    /** The progress line's colour: no other chart uses it, so a rendered page shows where a trend chart is. */
    static final Color TREND = new Color(0x2c, 0xa0, 0x2c);
    static final int HEIGHT = 200;

    private ProgressCharts() {
    }

    /** The score of every analysis, on a fixed 0-100 scale so two athletes' charts compare at a glance. */
    static Chart score(SkillTrend trend, String idPrefix) {
        return chart("Score: " + trend.skillName(), "Score (0-100)", trend, ProgressPoint::score, idPrefix, true);
    }

    /** One chart per key metric that at least one analysis has, in the order they first appear. */
    static List<Chart> metrics(SkillTrend trend, String idPrefix) {
        Set<String> labels = new LinkedHashSet<>();
        trend.points().forEach(p -> labels.addAll(p.metrics().keySet()));
        List<Chart> out = new ArrayList<>();
        int i = 0;
        for (String label : labels) {
            Chart c = chart(label, unitOf(label), trend, p -> p.metrics().get(label), idPrefix + "m" + i++ + "_", false);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Chart chart(String title, String axis, SkillTrend trend, Function<ProgressPoint, Double> value,
            String idPrefix, boolean percentScale) {
        XYSeries series = new XYSeries(title, false, true);
        for (ProgressPoint p : trend.points()) {
            Double v = value.apply(p);
            if (v != null && !v.isNaN()) {
                series.add(p.analysedAt().toEpochMilli(), v);
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        DateAxis time = new DateAxis("Analysed (UTC)", TimeZone.getTimeZone("UTC"), Locale.ROOT);
        NumberAxis range = new NumberAxis(axis);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TREND);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), time, range, renderer);
        JFreeChart chart = new JFreeChart(title, ChartSvg.TITLE_FONT, plot, false);
        ChartSvg.style(chart);
        if (percentScale) {
            range.setRange(0, 100);
        } else if (series.getMaxY() - series.getMinY() < minimumSpan(series)) {
            // one value, or the same value each time: JFreeChart would zoom into a range of rounding noise and
            // label it 3.58E1; a flat line in a sensible window is what it is
            double centre = (series.getMaxY() + series.getMinY()) / 2;
            double half = minimumSpan(series) / 2;
            range.setRange(centre - half, centre + half);
        }
        if (series.getItemCount() == 1) {
            long t = series.getX(0).longValue();
            time.setRange(t - 86_400_000L, t + 86_400_000L);
        }
        return new Chart(title, ChartSvg.svg(chart, idPrefix, ChartSvg.WIDTH, HEIGHT));
    }

    /** The smallest value range a metric chart shows: 20 % of the values' size, at least 1 unit. */
    private static double minimumSpan(XYSeries series) {
        return Math.max(1, 0.2 * Math.max(Math.abs(series.getMaxY()), Math.abs(series.getMinY())));
    }

    /** "Deepest knee angle (deg)" -> "deg": the unit is the label's last parenthesis. */
    static String unitOf(String label) {
        int open = label.lastIndexOf('(');
        return open >= 0 && label.endsWith(")") ? label.substring(open + 1, label.length() - 1) : "";
    }
}
