package com.skillmirror.report;

import com.skillmirror.report.AngleCharts.Chart;
import com.skillmirror.report.progress.AthleteProgress;
import com.skillmirror.report.progress.ProgressPoint;
import com.skillmirror.report.progress.SkillTrend;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The progress page's variables: per skill its charts and a table of every analysis, numbers already formatted. */
final class ProgressModel {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    record SkillView(String name, String summary, Chart score, List<Chart> metrics, List<String> columns,
            List<RowView> rows) {
    }

    record RowView(String date, String video, String score, List<String> values) {
    }

    private ProgressModel() {
    }

    static Map<String, Object> variables(AthleteProgress progress, Instant generatedAt) {
        String athlete = progress.athleteName() == null || progress.athleteName().isBlank() ? "Unnamed athlete"
                : progress.athleteName();
        List<SkillView> skills = new ArrayList<>();
        int i = 0;
        for (SkillTrend trend : progress.skills()) {
            skills.add(skill(trend, "p" + i++ + "_"));
        }
        Map<String, Object> v = new HashMap<>();
        v.put("athlete", athlete);
        v.put("generated", DATE.format(generatedAt));
        v.put("skills", skills);
        return v;
    }

    private static SkillView skill(SkillTrend trend, String idPrefix) {
        Set<String> columns = new LinkedHashSet<>();
        trend.points().forEach(p -> columns.addAll(p.metrics().keySet()));
        List<RowView> rows = new ArrayList<>();
        for (ProgressPoint p : trend.points()) {
            List<String> values = columns.stream().map(c -> ReportModel.fmt(p.metrics().get(c), 1)).toList();
            rows.add(new RowView(DATE.format(p.analysedAt()), p.videoId().toString().substring(0, 8),
                    ReportModel.fmt(p.score(), 0), values));
        }
        int n = trend.points().size();
        String summary = n + (n == 1 ? " analysis" : " analyses");
        if (n >= 2 && trend.points().get(0).score() != null && trend.latest().score() != null) {
            double d = trend.latest().score() - trend.points().get(0).score();
            summary += ", score " + ReportModel.fmt(trend.points().get(0).score(), 0) + " to "
                    + ReportModel.fmt(trend.latest().score(), 0) + " (" + (d >= 0 ? "+" : "") + ReportModel.fmt(d, 0)
                    + ")";
        }
        String name = trend.skillName() == null ? ReportModel.humanise(trend.skillId()) : trend.skillName();
        return new SkillView(name, summary, ProgressCharts.score(trend, idPrefix + "s_"),
                ProgressCharts.metrics(trend, idPrefix), List.copyOf(columns), rows);
    }
}
