package com.skillmirror.report;

import com.skillmirror.compare.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's view of how the take was filmed: the metrics the camera view could not support, each with its
 * reason, and the capture-quality advice (view, distance, frame rate, light), shown only when there is some.
 *
 * @param withheld metrics not measured, with why
 * @param views    the views the athlete was seen from, e.g. "side-right 74 %, oblique 21 % of 39 frames"; null
 *                 when unknown
 * @param advice   what to change next time; empty when nothing mattered
 */
record CaptureView(List<WithheldRow> withheld, String views, List<String> advice) {

    record WithheldRow(String name, String reason) {
    }

    /** Null when the comparison has nothing to say about its capture (also every comparison stored before it). */
    static CaptureView of(Comparison comparison) {
        List<WithheldRow> withheld = new ArrayList<>();
        for (Comparison.MetricResult m : comparison.metrics() == null ? List.<Comparison.MetricResult>of()
                : comparison.metrics()) {
            if (m.withheld() != null) {
                withheld.add(new WithheldRow(m.name() == null ? m.id() : m.name(), m.withheld()));
            }
        }
        Comparison.CaptureQuality capture = comparison.capture();
        List<String> advice = capture == null || capture.advice() == null ? List.of() : capture.advice();
        if (withheld.isEmpty() && advice.isEmpty()) {
            return null;
        }
        return new CaptureView(withheld, capture == null ? null : views(capture), advice);
    }

    private static String views(Comparison.CaptureQuality capture) {
        if (capture.viewShares() == null || capture.viewShares().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        capture.viewShares().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> parts.add(e.getKey() + " " + String.format(Locale.ROOT, "%.0f %%", e.getValue() * 100)));
        return "Seen from: " + String.join(", ", parts) + " of the " + capture.frames() + " frames with the athlete.";
    }
}
