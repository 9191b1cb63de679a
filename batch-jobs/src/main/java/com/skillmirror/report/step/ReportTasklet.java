package com.skillmirror.report.step;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.report.RepetitionFrames;
import com.skillmirror.report.ReportData;
import com.skillmirror.report.ReportRenderer;
import com.skillmirror.report.ReportResult;
import com.skillmirror.report.VideoResults;
import com.skillmirror.report.progress.ProgressHistory;
import com.skillmirror.report.progress.SkillTrend;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    private final StageResults results;
    private final VideoKinematics kinematics;
    private final ComparisonRepository comparisons;
    private final ExpertPatterns patterns;
    private final ReportRenderer renderer;
    private final ProgressHistory history;
    private final UUID videoId;

    ReportTasklet(VideoRepository videos, StageResults results, ComparisonRepository comparisons,
                  ExpertPatterns patterns, ReportRenderer renderer, ProgressHistory history, UUID videoId) {
        this.videos = videos;
        this.results = results;
        this.kinematics = new VideoKinematics(results);
        this.comparisons = comparisons;
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
            results.complete(videoId, ReportResult.STAGE_RESULT, new ReportResult(html.length, pdf.length));
        } catch (Exception e) {
            log.warn("Report of video {} not rendered", videoId, e);
            results.failed(videoId, Stage.REPORT, "The report could not be rendered (" + e.getMessage()
                    + "); the results are in report.json. Restart the job to try again.");
        }
        return RepeatStatus.FINISHED;
    }

    private ReportData data(Video video) throws IOException {
        // the job ends after this step: a video that has not failed by now has completed
        VideoResults stored = VideoResults.read(video, results).finished();
        Map<String, byte[]> keyFrames = new LinkedHashMap<>();
        for (Artifact keyFrame : Artifact.KEY_FRAMES) {
            Optional<byte[]> jpeg = results.load(videoId, keyFrame);
            if (jpeg.isPresent()) {
                keyFrames.put(keyFrame.kind(), jpeg.get());
            }
        }
        // who was analysed: shown in the report's own section, not among the key frames
        results.load(videoId, Artifact.ATHLETE_FRAME).ifPresent(jpeg -> keyFrames.put(Artifact.ATHLETE_FRAME.kind(), jpeg));
        // a set: the best and the worst repetition's key moments, shown in the report's Repetitions section
        keyFrames.putAll(repetitionFrames(stored));
        Optional<StoredPattern> pattern = comparedPattern(stored);
        return new ReportData(stored, keyFrames, athleteAngles(video, stored), pattern.map(ReportTasklet::means)
                .orElse(Map.of()), Instant.now(), history(), pattern.map(this::expertKeyFrames).orElse(Map.of()));
    }

    /**
     * The best and the worst repetition's key frames, drawn from the proxy video and the landmarks; empty when the
     * take was not a set, or when they cannot be drawn (the report is still worth having without them).
     */
    private Map<String, byte[]> repetitionFrames(VideoResults stored) {
        Comparison comparison = stored.comparison();
        if (comparison == null || !RepetitionFrames.wanted(comparison.repetitions())) {
            return Map.of();
        }
        Path proxy = null;
        try {
            Optional<byte[]> landmarks = results.load(videoId, Artifact.POSE_SERIES);
            if (landmarks.isEmpty()) {
                return Map.of();
            }
            proxy = Files.createTempFile("skillmirror-report-proxy-", ".mp4");
            if (!results.download(videoId, Artifact.PROXY, proxy)) {
                return Map.of();
            }
            return RepetitionFrames.draw(proxy, PoseSeries.read(new ByteArrayInputStream(landmarks.get())),
                    comparison.repetitions());
        } catch (Exception e) {
            log.warn("Repetition key frames of video {} not drawn; its report shows the set without them", videoId, e);
            return Map.of();
        } finally {
            if (proxy != null) {
                try {
                    Files.deleteIfExists(proxy);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans up
                }
            }
        }
    }

    /** The athlete's angle series as the pose stage computed it; null without one (nobody found). */
    private KinematicSeries athleteAngles(Video video, VideoResults stored) throws IOException {
        if (stored.pose() == null) {
            return null;
        }
        return kinematics.person(video, stored.pose().mainPersonId()).orElse(null);
    }

    /** The pattern the compare stage compared the athlete with, if it ran. */
    private Optional<StoredPattern> comparedPattern(VideoResults stored) {
        if (stored.compare() == null) {
            return Optional.empty();
        }
        return comparisons.patternId(videoId, stored.compare().personId()).flatMap(patterns::find);
    }

    /** The expert doing the same: their key frames beside the athlete's, when the pattern came from their videos. */
    private Map<String, byte[]> expertKeyFrames(StoredPattern pattern) {
        try {
            return patterns.keyFrames(pattern.pattern().contentHash(), Artifact.KEY_FRAMES);
        } catch (Exception e) {
            log.warn("Expert key frames of pattern {} not read; video {}'s report shows the athlete's alone",
                    pattern.id(), videoId, e);
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

    /** The compared pattern's mean curves, so the charts show the athlete against the expert. */
    private static Map<String, double[]> means(StoredPattern pattern) {
        Map<String, double[]> means = new LinkedHashMap<>();
        pattern.pattern().curves().forEach(curve -> means.put(curve.feature(), curve.mean()));
        return means;
    }
}
