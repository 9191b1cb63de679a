package com.skillmirror.report;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.analysis.StageResult;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.Comparison;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.testsupport.StoredShapes;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report.json the CLI wrote for a real clip (a talking head filmed for the squat skill), in the shape stage
 * results had before they were versioned, and the typed results read from it the way stored rows are read
 * ({@link ResultCodec}): tests change the JSON, then read it typed.
 */
public final class SampleReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SampleReport() {
    }

    /** A fresh, changeable copy of the report.json. */
    public static Map<String, Object> json() {
        return StoredShapes.sampleReport();
    }

    /** The video's results as the report reads them: each stage's result as the type that stage writes. */
    @SuppressWarnings("unchecked")
    public static VideoResults typed(Map<String, Object> report) {
        Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) report.get("stages");
        Map<Stage, StageOutcome> outcomes = new EnumMap<>(Stage.class);
        stages.forEach((name, s) -> {
            Stage stage = Stage.valueOf(name.toUpperCase(Locale.ROOT));
            outcomes.put(stage, new StageOutcome(stage, StageOutcome.Status.valueOf((String) s.get("status")),
                    (String) s.get("error")));
        });
        Map<String, Object> error = (Map<String, Object>) report.get("error");
        VideoStatus status = VideoStatus.valueOf((String) report.get("status"));
        Video video = new Video(UUID.fromString((String) report.get("videoId")),
                UUID.fromString((String) report.get("uploadId")), 0, (String) report.get("file"), null, 0, null,
                (String) report.get("athlete"), (String) report.get("skill"), status,
                error == null ? null : (String) error.get("stage"),
                error == null ? null : (String) error.get("message"));
        return new VideoResults(video, status, outcomes, result(stages, DecodeResult.STAGE_RESULT),
                result(stages, PoseResult.STAGE_RESULT), result(stages, SpeechResult.STAGE_RESULT),
                result(stages, CompareResult.STAGE_RESULT));
    }

    /** The sample's comparison, or a changed copy of it, as stored comparisons are read. */
    public static Comparison comparison(Map<?, ?> comparison) {
        return ResultCodec.read(JSON.writeValueAsString(comparison), Comparison.class, Comparison.SCHEMA_VERSION);
    }

    /** The sample's comparison map (changeable). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> comparisonJson(Map<String, Object> report) {
        Map<String, Object> stages = (Map<String, Object>) report.get("stages");
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) stages.get("compare"))
                .get("result")).get("comparison");
    }

    private static <T> T result(Map<String, Map<String, Object>> stages, StageResult<T> key) {
        Map<String, Object> stage = stages.get(key.stage().stepName());
        if (stage == null || !"COMPLETED".equals(stage.get("status")) || stage.get("result") == null) {
            return null;
        }
        return ResultCodec.read(JSON.writeValueAsString(stage.get("result")), key.type(), key.version());
    }
}
