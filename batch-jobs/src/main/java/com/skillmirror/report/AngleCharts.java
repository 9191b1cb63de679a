package com.skillmirror.report;

import com.skillmirror.kinematics.KinematicSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.function.DoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Angle-over-time charts drawn by JFreeChart and written as inline SVG by JFreeSVG (vector in HTML and PDF). */
final class AngleCharts {

    /** The athlete's line colour; used nowhere else in the report, so a rendered page shows where a chart is. */
    static final Color ATHLETE = new Color(0x1f, 0x77, 0xb4);
    static final Color PATTERN = new Color(0xe0, 0x6c, 0x00);
    static final int WIDTH = 640;
    static final int HEIGHT = 230;

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

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
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        // several charts share one HTML document: their clip-path ids must not collide
        g.setDefsKeyPrefix("chart" + index + "_");
        // openhtmltopdf refuses a view box of decimals ("640.0"): whole numbers are written as integers
        DoubleFunction<String> decimals = g.getGeomDoubleConverter();
        g.setGeomDoubleConverter(d -> d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d)
                : decimals.apply(d));
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        // no width/height attributes, only the view box: the template's CSS sizes the chart (a browser can scale it)
        return new Chart(title, g.getSVGElement(null, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null));
    }

    private static void style(JFreeChart chart, List<TimeMarker> markers) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE_FONT);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL_FONT);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setOutlinePaint(Color.GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ATHLETE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesPaint(1, PATTERN);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setAutoRangeIncludesZero(false);
        List.of(plot.getDomainAxis(), range).forEach(a -> {
            a.setLabelFont(LABEL_FONT);
            a.setTickLabelFont(LABEL_FONT);
        });
        for (TimeMarker m : markers) {
            ValueMarker marker = new ValueMarker(m.seconds(), Color.DARK_GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            marker.setLabel(m.label());
            marker.setLabelFont(LABEL_FONT);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        }
    }
}
