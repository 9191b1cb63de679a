package com.skillmirror.report;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.notes.CoachNote;
import com.skillmirror.notes.CoachNotes;
import com.skillmirror.report.progress.ProgressHistory;
import com.skillmirror.report.progress.SkillTrend;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One video's report, built from everything stored about it and written as {@code REPORT_HTML} and
 * {@code REPORT_PDF}: what the report stage does at the end of an analysis, and what the portal does again when a
 * coach adds or removes a note (so the report always lists the notes it has). Renders of one video are serialised
 * by a PostgreSQL advisory lock on the video, held from reading the notes to storing the report, so the last report
 * stored read the latest notes whichever process renders (the job's report step in a worker or the CLI, the portal
 * on any replica). A component, not a bean of the report step's
 * configuration, so contexts that only wire the steps (their tasklets are step-scoped) need none of its parts.
 */
@Component
public class VideoReports {

    private static final Logger log = LoggerFactory.getLogger(VideoReports.class);

    private final VideoRepository videos;
    private final StageResults results;
    private final VideoKinematics kinematics;
    private final ComparisonRepository comparisons;
    private final ExpertPatterns patterns;
    private final ReportRenderer renderer;
    private final ProgressHistory history;
    private final CoachNotes notes;
    private final ObjectStorage storage;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public VideoReports(VideoRepository videos, StageResults results, ComparisonRepository comparisons,
            ExpertPatterns patterns, ReportRenderer renderer, ProgressHistory history, CoachNotes notes,
            ObjectStorage storage, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.videos = videos;
        this.results = results;
        this.kinematics = new VideoKinematics(results);
        this.comparisons = comparisons;
        this.patterns = patterns;
        this.renderer = renderer;
        this.history = history;
        this.notes = notes;
        this.storage = storage;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Renders the video's report and stores it (HTML and PDF) with the report stage's result. Called when the job's
     * last stages run: a video that has not failed by then has completed.
     */
    public ReportResult render(UUID videoId) throws IOException {
        return render(videoId, null);
    }

    /** {@link #render(UUID)}, reporting its sub-steps: {@code report} (gathering, HTML) and {@code pdf}. */
    public ReportResult render(UUID videoId, StepProgress steps) throws IOException {
        return locked(videoId, () -> store(videoId, steps));
    }

    /**
     * Renders the report again after its notes changed, in the caller's thread (a second or two for a short clip),
     * when the video has a report: whether its upload has ended does not matter (the upload completes only when its
     * last video does, long after this video's report). A video whose report step has not run yet is left alone: the
     * step reads the notes then. The check is made under the lock, so a report step rendering at this moment is
     * waited for and then rendered over.
     *
     * @return whether a report was rendered
     */
    public boolean renderAgain(UUID videoId) throws IOException {
        return locked(videoId, () -> {
            if (videos.find(videoId).isEmpty() || (results.key(videoId, Artifact.REPORT_HTML).isEmpty()
                    && results.result(videoId, ReportResult.STAGE_RESULT).isEmpty())) {
                return false;
            }
            store(videoId, null);
            return true;
        });
    }

    private ReportResult store(UUID videoId, StepProgress steps) throws IOException {
        Video video = videos.find(videoId).orElseThrow(() -> new IllegalArgumentException("No video " + videoId));
        report(steps, "report", 0, "gathering the results");
        ReportData data = data(video);
        report(steps, "report", 0.5, "writing the HTML report");
        byte[] html = renderer.html(data).getBytes(StandardCharsets.UTF_8);
        report(steps, "report", 1, "HTML report written");
        report(steps, "pdf", 0, "writing the PDF report");
        byte[] pdf = renderer.pdf(data);
        report(steps, "pdf", 1, "PDF report written (" + pdf.length / 1024 + " KB)");
        results.store(video.uploadId(), videoId, Artifact.REPORT_HTML, html);
        results.store(video.uploadId(), videoId, Artifact.REPORT_PDF, pdf);
        ReportResult result = new ReportResult(html.length, pdf.length);
        results.complete(videoId, ReportResult.STAGE_RESULT, result);
        return result;
    }

    private static void report(StepProgress steps, String step, double fraction, String message) {
        if (steps != null) {
            steps.report(step, fraction, message);
        }
    }

    private interface Rendering<T> {
        T run() throws IOException;
    }

    /**
     * Runs the work in a transaction holding the video's report lock (released at its end, so a crash cannot leave
     * it held). Inside the report step's own transaction the lock is held until the step commits, which is when the
     * report it stored becomes visible to the next renderer. A failure is handed back after the transaction, not
     * thrown through it: joined to the step's transaction it would mark it rollback-only, and the step records the
     * failure as the report stage's outcome in that transaction.
     */
    private <T> T locked(UUID videoId, Rendering<T> work) throws IOException {
        List<Exception> failure = new ArrayList<>(1);
        T out = transactions.execute(tx -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('video_report'), hashtext(?))").param(videoId.toString())
                    .query().listOfRows();
            try {
                return work.run();
            } catch (IOException | RuntimeException e) {
                failure.add(e);
                return null;
            }
        });
        if (!failure.isEmpty()) {
            Exception e = failure.get(0);
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        return out;
    }

    /** Everything the video's report shows. */
    private ReportData data(Video video) throws IOException {
        UUID videoId = video.id();
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
        keyFrames.putAll(repetitionFrames(video, stored));
        Optional<StoredPattern> pattern = comparedPattern(videoId, stored);
        return new ReportData(stored, keyFrames, athleteAngles(video, stored), pattern.map(VideoReports::means)
                .orElse(Map.of()), Instant.now(), history(videoId), pattern.map(p -> expertKeyFrames(videoId, p))
                .orElse(Map.of()), notes(video));
    }

    /** The coach's notes with their annotated frames; a frame gone from storage leaves its note listed without it. */
    private List<ReportData.Note> notes(Video video) {
        List<ReportData.Note> out = new ArrayList<>();
        for (CoachNote note : notes.list(video.id())) {
            byte[] frame = null;
            try (InputStream in = storage.get(StorageKeys.coachNoteFrame(video.uploadId(), video.id(), note.id()))) {
                frame = NoteFrames.forReport(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                log.warn("Annotated frame of note {} of video {} not read; the report lists the note without it",
                        note.id(), video.id(), e);
            }
            out.add(new ReportData.Note(note, frame));
        }
        return out;
    }

    /**
     * The best and the worst repetition's key frames, drawn from the proxy video and the landmarks; empty when the
     * take was not a set, or when they cannot be drawn (the report is still worth having without them).
     */
    private Map<String, byte[]> repetitionFrames(Video video, VideoResults stored) {
        UUID videoId = video.id();
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
    private Optional<StoredPattern> comparedPattern(UUID videoId, VideoResults stored) {
        if (stored.compare() == null) {
            return Optional.empty();
        }
        return comparisons.patternId(videoId, stored.compare().personId()).flatMap(patterns::find);
    }

    /** The expert doing the same: their key frames beside the athlete's, when the pattern came from their videos. */
    private Map<String, byte[]> expertKeyFrames(UUID videoId, StoredPattern pattern) {
        try {
            return patterns.keyFrames(pattern.pattern().contentHash(), Artifact.KEY_FRAMES);
        } catch (Exception e) {
            log.warn("Expert key frames of pattern {} not read; video {}'s report shows the athlete's alone",
                    pattern.id(), videoId, e);
            return Map.of();
        }
    }

    /** The athlete's earlier analyses; without them the report is still worth having, minus "since last time". */
    private SkillTrend history(UUID videoId) {
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
