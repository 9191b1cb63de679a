package com.skillmirror.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The coach's view of one upload: every video's athlete, score and main finding, the ranking, the faults several
 * athletes share (with the drills for a group session) and the videos that failed, with why.
 */
public record TeamReport(List<Row> rows, List<CommonFault> commonFaults, List<Row> failed) {

    public record Row(String athlete, String file, String skill, String status, Double score, String mainFinding,
                      String error) {
    }

    public record CommonFault(String message, String drill, int athletes) {
    }

    /** From the per-video results as AnalysisResults.upload(..) lists them. */
    public static TeamReport of(List<Map<String, Object>> videos) {
        // the job ends right after the report steps: a video that has not failed by then has completed
        videos = videos.stream().map(v -> {
            Map<String, Object> copy = new LinkedHashMap<>(v);
            if (!"FAILED".equals(String.valueOf(v.get("status")))) {
                copy.put("status", "COMPLETED");
            }
            return (Map<String, Object>) copy;
        }).toList();
        List<Row> rows = new ArrayList<>();
        List<Row> failed = new ArrayList<>();
        Map<String, CommonFault> faults = new LinkedHashMap<>();
        for (Map<String, Object> video : videos) {
            Object comparison = ResultsTree.at(video, "stages", "compare", "result", "comparison");
            Double score = ResultsTree.number(comparison, "score");
            List<?> findings = ResultsTree.list(comparison, "findings");
            String main = findings.isEmpty() ? null : ResultsTree.text(findings.get(0), "message");
            Row row = new Row(Objects.toString(video.get("athlete"), "Unnamed athlete"),
                    String.valueOf(video.get("file")), (String) video.get("skill"), String.valueOf(video.get("status")),
                    score, main, ResultsTree.text(video, "error", "message"));
            if ("FAILED".equals(row.status())) {
                failed.add(row);
            } else {
                rows.add(row);
            }
            for (Object finding : findings) {
                String message = ResultsTree.text(finding, "message");
                CommonFault seen = faults.get(message);
                faults.put(message, new CommonFault(message, ResultsTree.text(finding, "drill"),
                        seen == null ? 1 : seen.athletes() + 1));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.score() == null ? -1 : r.score()).reversed());
        List<CommonFault> common = faults.values().stream().filter(f -> f.athletes() > 1)
                .sorted(Comparator.comparingInt(CommonFault::athletes).reversed()).limit(5).toList();
        return new TeamReport(rows, common, failed);
    }
}
