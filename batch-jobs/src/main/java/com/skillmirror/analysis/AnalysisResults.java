package com.skillmirror.analysis;

import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The machine-readable results of an upload and of each of its videos: every stage that ran, and why one failed. */
@Service
public class AnalysisResults {

    private final VideoRepository videos;
    private final StageResults stages;

    public AnalysisResults(VideoRepository videos, StageResults stages) {
        this.videos = videos;
        this.stages = stages;
    }

    public Map<String, Object> video(Video video) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("videoId", video.id());
        out.put("uploadId", video.uploadId());
        out.put("file", video.originalName());
        out.put("sizeBytes", video.sizeBytes());
        out.put("athlete", video.athleteName());
        out.put("skill", video.skillId());
        // who the athlete is, when the coach said so: a point on the thumbnail (absent otherwise)
        videos.athletePoint(video.id()).ifPresent(p -> out.put("athletePoint", p.text()));
        out.put("status", video.status());
        if (video.errorMessage() != null) {
            // an INTERRUPTED video has no failed stage of its own: its job stopped (the message says why and how to resume)
            out.put("error", Map.of("stage", video.failedStage() != null ? video.failedStage()
                    : video.status().name().toLowerCase(java.util.Locale.ROOT), "message", video.errorMessage()));
        }
        out.put("stages", stages.forVideo(video.id()));
        out.put("artifacts", stages.artifacts(video.id()));
        return out;
    }

    public Map<String, Object> upload(UUID uploadId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uploadId", uploadId);
        out.put("status", videos.uploadStatus(uploadId).orElse("UNKNOWN"));
        List<Map<String, Object>> list = videos.findByUpload(uploadId).stream().map(this::video).toList();
        out.put("videos", list);
        return out;
    }
}
