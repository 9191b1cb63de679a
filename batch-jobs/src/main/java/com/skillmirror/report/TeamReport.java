package com.skillmirror.report;

import com.skillmirror.compare.Comparison;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
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

    /** From the upload's videos' results, when the job ends (see {@link VideoResults#finished()}). */
    public static TeamReport of(List<VideoResults> videos) {
        List<Row> rows = new ArrayList<>();
        List<Row> failed = new ArrayList<>();
        Map<String, CommonFault> faults = new LinkedHashMap<>();
        for (VideoResults stored : videos) {
            // the job ends right after the report steps: a video that has not failed by then has completed
            VideoResults video = stored.finished();
            Comparison comparison = video.comparison();
            List<Comparison.RankedFinding> findings = comparison == null || comparison.findings() == null ? List.of()
                    : comparison.findings();
            String main = findings.isEmpty() ? null : findings.get(0).message();
            Video v = video.video();
            Row row = new Row(Objects.toString(v.athleteName(), "Unnamed athlete"), v.originalName(), v.skillId(),
                    String.valueOf(video.status()), comparison == null ? null : comparison.score(), main,
                    v.errorMessage());
            if (video.status() == VideoStatus.FAILED) {
                failed.add(row);
            } else {
                rows.add(row);
            }
            for (Comparison.RankedFinding finding : findings) {
                String message = finding.message();
                CommonFault seen = faults.get(message);
                faults.put(message, new CommonFault(message, finding.drill(), seen == null ? 1 : seen.athletes() + 1));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.score() == null ? -1 : r.score()).reversed());
        List<CommonFault> common = faults.values().stream().filter(f -> f.athletes() > 1)
                .sorted(Comparator.comparingInt(CommonFault::athletes).reversed()).limit(5).toList();
        return new TeamReport(rows, common, failed);
    }
}
