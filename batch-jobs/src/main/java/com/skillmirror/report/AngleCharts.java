package com.skillmirror.report;

import com.skillmirror.kinematics.KinematicSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Angle-over-time charts drawn by JFreeChart and written as inline SVG by JFreeSVG (vector in HTML and PDF). */
final class AngleCharts {

    /** The athlete's line colour; used nowhere else in the report, so a rendered page shows where a chart is. */
    static final Color ATHLETE = new Color(0x1f, 0x77, 0xb4);
    static final Color PATTERN = new Color(0xe0, 0x6c, 0x00);
    static final int WIDTH = ChartSvg.WIDTH;
    static final int HEIGHT = ChartSvg.HEIGHT;

    /** A vertical line at a moment of the take, e.g. a key frame. */
    record TimeMarker(String label, double seconds) {
    }

    record Chart(String title, String svg) {
    }

    private AngleCharts() {
    }

    /**
     * One chart of an angle, or null when the take has fewer than two values of it. The pattern mean (may be null)
     * is stretched over the span where the athlete's angle has values: an approximation of the alignment that only
     * makes sense for a single movement, so callers pass it only then.
     */
    static Chart chart(KinematicSeries angles, String angleKey, double[] patternMean, List<TimeMarker> markers,
            String title, int index) {
        if (!angles.angleNames().contains(angleKey) || angles.valuedCount(angleKey) < 2) {
            return null;
        }
        double[] values = angles.angle(angleKey);
        long[] timeMs = angles.timeMs();
        XYSeries athlete = new XYSeries("Athlete", false, true);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            double t = timeMs[i] / 1000.0;
            if (Double.isNaN(values[i])) {
                athlete.add(t, null); // a null y is a gap: the renderer breaks the line there instead of joining
            } else {
                athlete.add(t, values[i]);
                first = Double.isNaN(first) ? t : first;
                last = t;
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(athlete);
        if (patternMean != null && patternMean.length > 1 && last > first) {
            XYSeries pattern = new XYSeries("Pattern mean (time-scaled to the take)", false, true);
            for (int i = 0; i < patternMean.length; i++) {
                pattern.add(first + (last - first) * i / (patternMean.length - 1), patternMean[i]);
            }
            data.addSeries(pattern);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "Time (s)", "Angle (deg)", data,
                PlotOrientation.VERTICAL, data.getSeriesCount() > 1, false, false);
        style(chart, markers);
        return new Chart(title, ChartSvg.svg(chart, "chart" + index + "_", WIDTH, HEIGHT));
    }

    private static void style(JFreeChart chart, List<TimeMarker> markers) {
        ChartSvg.style(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ATHLETE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesPaint(1, PATTERN);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        for (TimeMarker m : markers) {
            ValueMarker marker = new ValueMarker(m.seconds(), Color.DARK_GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            marker.setLabel(m.label());
            marker.setLabelFont(ChartSvg.LABEL_FONT);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        }
    }
}
