package com.skillmirror.report.step;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.report.ReportData;
import com.skillmirror.report.ReportRenderer;
import com.skillmirror.report.progress.ProgressHistory;
import com.skillmirror.report.progress.SkillTrend;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import com.skillmirror.upload.VideoStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Renders one video's report as HTML and PDF, with what changed since the athlete's previous analysis. */
class ReportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

    private final VideoRepository videos;
    private final AnalysisResults analysis;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ExpertPatterns patterns;
    private final ReportRenderer renderer;
    private final ProgressHistory history;
    private final UUID videoId;

    ReportTasklet(VideoRepository videos, AnalysisResults analysis, StageResults results, ObjectStorage storage,
                  ExpertPatterns patterns, ReportRenderer renderer, ProgressHistory history, UUID videoId) {
        this.videos = videos;
        this.analysis = analysis;
        this.results = results;
        this.storage = storage;
        this.patterns = patterns;
        this.renderer = renderer;
        this.history = history;
        this.videoId = videoId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Video video = videos.find(videoId).orElseThrow();
        try {
            ReportData data = data(video);
            byte[] html = renderer.html(data).getBytes(StandardCharsets.UTF_8);
            byte[] pdf = renderer.pdf(data);
            results.store(video.uploadId(), videoId, Artifact.REPORT_HTML, html);
            results.store(video.uploadId(), videoId, Artifact.REPORT_PDF, pdf);
            results.completed(videoId, Stage.REPORT, Map.of("htmlBytes", html.length, "pdfBytes", pdf.length));
        } catch (Exception e) {
            log.warn("Report of video {} not rendered", videoId, e);
            results.failed(videoId, Stage.REPORT, "The report could not be rendered (" + e.getMessage()
                    + "); the results are in report.json. Restart the job to try again.");
        }
        return RepeatStatus.FINISHED;
    }

    private ReportData data(Video video) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>(analysis.video(video));
        // the job ends after this step: a video that has not failed by now has completed
        if (video.status() != VideoStatus.FAILED) {
            results.put("status", VideoStatus.COMPLETED);
        }
        Map<String, byte[]> keyFrames = new LinkedHashMap<>();
        for (Artifact keyFrame : Artifact.KEY_FRAMES) {
            Optional<byte[]> jpeg = this.results.load(videoId, keyFrame);
            if (jpeg.isPresent()) {
                keyFrames.put(keyFrame.kind(), jpeg.get());
            }
        }
        KinematicSeries angles = null;
        Optional<String> seriesKey = this.results.key(videoId, Artifact.POSE_SERIES);
        if (seriesKey.isPresent()) {
            try (InputStream in = storage.get(seriesKey.get())) {
                PoseSeries series = PoseSeries.read(in);
                angles = Kinematics.of(series, series.mainPersonId());
            }
        }
        Optional<String> patternHash = comparedPattern(results);
        return new ReportData(results, keyFrames, angles, patternHash.map(this::patternMeans).orElse(Map.of()),
                Instant.now(), history(), patternHash.map(this::expertKeyFrames).orElse(Map.of()));
    }

    /** The expert doing the same: their key frames beside the athlete's, when the pattern came from their videos. */
    private Map<String, byte[]> expertKeyFrames(String patternHash) {
        try {
            return patterns.keyFrames(patternHash, Artifact.KEY_FRAMES);
        } catch (Exception e) {
            log.warn("Expert key frames of pattern {} not read; video {}'s report shows the athlete's alone",
                    patternHash, videoId, e);
            return Map.of();
        }
    }

    /** The athlete's earlier analyses; without them the report is still worth having, minus "since last time". */
    private SkillTrend history() {
        try {
            return history.forVideo(videoId);
        } catch (RuntimeException e) {
            log.warn("History of video {} not read; its report has no 'since last time'", videoId, e);
            return null;
        }
    }

    /** The content hash of the pattern the compare stage used, if it ran. */
    @SuppressWarnings("unchecked")
    private static Optional<String> comparedPattern(Map<String, Object> results) {
        Object compare = ((Map<String, Map<String, Object>>) results.get("stages")).getOrDefault("compare", Map.of())
                .get("result");
        if (!(compare instanceof Map<?, ?> c) || !(c.get("comparison") instanceof Map<?, ?> comparison)
                || !(comparison.get("pattern") instanceof Map<?, ?> ref) || ref.get("contentHash") == null) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(ref.get("contentHash")));
    }

    /** The compared pattern's mean curves, so the charts show the athlete against the expert. */
    private Map<String, double[]> patternMeans(String patternHash) {
        Optional<ExpertPattern> pattern = patterns.byHash(patternHash).map(StoredPattern::pattern);
        Map<String, double[]> means = new LinkedHashMap<>();
        pattern.ifPresent(p -> p.curves().forEach(curve -> means.put(curve.feature(), curve.mean())));
        return means;
    }

}
