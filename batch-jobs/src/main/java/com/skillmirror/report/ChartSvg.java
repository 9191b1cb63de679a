package com.skillmirror.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** The look every report chart shares, and the chart written as inline SVG (vector in the browser and in the PDF). */
final class ChartSvg {

    static final int WIDTH = 640;
    static final int HEIGHT = 230;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private ChartSvg() {
    }

    /** White background, light grid, report fonts; the value axis fits the data instead of starting at zero. */
    static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL_FONT);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
        if (plot.getRangeAxis() instanceof NumberAxis range) {
            range.setAutoRangeIncludesZero(false);
        }
        List.of(plot.getDomainAxis(), plot.getRangeAxis()).forEach(a -> {
            a.setLabelFont(LABEL_FONT);
            a.setTickLabelFont(LABEL_FONT);
        });
    }

    /**
     * The chart as an {@code <svg>} element with only a view box (the page's CSS sizes it). {@code idPrefix} must be
     * unique within the page: charts sharing one HTML document must not share clip-path ids.
     */
    static String svg(JFreeChart chart, String idPrefix, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix);
        // openhtmltopdf refuses a view box of decimals ("640.0"): whole numbers are written as integers
        DoubleFunction<String> decimals = g.getGeomDoubleConverter();
        g.setGeomDoubleConverter(d -> d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d)
                : decimals.apply(d));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(null, false, new ViewBox(0, 0, width, height), null, null);
    }
}
