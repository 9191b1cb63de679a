package com.skillmirror.report.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.compare.RepetitionSet;
import com.skillmirror.decode.step.DecodeTasklet;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.report.ReportRenderer;
import com.skillmirror.report.ReportResult;
import com.skillmirror.report.progress.ProgressHistory;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import com.skillmirror.testsupport.StageStepTest;
import com.skillmirror.testsupport.StoredShapes;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.Video;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The report tasklets on their own: a video that failed still gets its report, saying what failed and why; a set's
 * report pictures its best and worst repetition; the team report ranks the completed videos by score and lists the
 * failed ones with their reasons.
 */
class ReportTaskletsTest extends StageStepTest {

    @Autowired
    ComparisonRepository comparisons;
    @Autowired
    ExpertPatterns patterns;
    @Autowired
    ReportRenderer renderer;
    @Autowired
    ProgressHistory history;
    @Autowired
    com.skillmirror.report.VideoReports reports;

    @Test
    void aVideoThatFailedStillGetsAReportSayingWhatFailed() throws Exception {
        Video video = upload(Map.of("Ana Failed", "not a video at all")).get(0);
        run(new DecodeTasklet(videos, results, storage, progress, decodeSettings, video.id()));
        String why = results.outcomes(video.id()).get(Stage.DECODE).error();

        run(new ReportTasklet(reports, results, videos, progress, video.id()));

        assertThat(results.outcomes(video.id()).get(Stage.REPORT).status()).isEqualTo(StageOutcome.Status.COMPLETED);
        ReportResult report = results.result(video.id(), ReportResult.STAGE_RESULT).orElseThrow();
        String html = new String(results.load(video.id(), Artifact.REPORT_HTML).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(html.getBytes(StandardCharsets.UTF_8)).hasSize(report.htmlBytes());
        assertThat(html).contains("Ana Failed").contains(plainPart(why));
        byte[] pdf = results.load(video.id(), Artifact.REPORT_PDF).orElseThrow();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf).hasSize(report.pdfBytes());
    }

    @Test
    void theTeamReportRanksCompletedVideosAndListsFailedOnes() throws Exception {
        List<Video> created = upload(Map.of("Ben Lower", "a", "Cleo Higher", "b", "Dan Broken", "not a video"));
        Video ben = byAthlete(created, "Ben Lower");
        Video cleo = byAthlete(created, "Cleo Higher");
        Video dan = byAthlete(created, "Dan Broken");
        // the compare results of a real run, with the scores changed
        results.complete(ben.id(), CompareResult.STAGE_RESULT, compareResultScoring(41.5));
        results.complete(cleo.id(), CompareResult.STAGE_RESULT, compareResultScoring(87.25));
        run(new DecodeTasklet(videos, results, storage, progress, decodeSettings, dan.id()));
        String why = results.outcomes(dan.id()).get(Stage.DECODE).error();

        run(new TeamReportTasklet(videos, results, storage, renderer, progress, ben.uploadId()));

        String html = read(StorageKeys.uploadArtifact(ben.uploadId(), UploadArtifact.TEAM_REPORT_HTML));
        assertThat(html.indexOf("Cleo Higher")).as("the higher score ranks first").isPositive()
                .isLessThan(html.indexOf("Ben Lower"));
        assertThat(html.indexOf("Dan Broken")).as("failed videos come after the ranking")
                .isGreaterThan(html.indexOf("Ben Lower"));
        assertThat(html).contains(plainPart(why));
        String pdf = read(StorageKeys.uploadArtifact(ben.uploadId(), UploadArtifact.TEAM_REPORT_PDF));
        assertThat(pdf).startsWith("%PDF-");
    }

    /**
     * A set's report pictures its best and worst repetition: the step reads the proxy and the landmarks (a real
     * clip, the vtest walker tracked by the real engine) and draws each one's key frame into the Repetitions section.
     */
    @Test
    void aSetsReportHasTheBestAndTheWorstRepetitionPictured() throws Exception {
        Video video = upload(Map.of("Eve Set", "a")).get(0);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("skillmirror-report-set-");
        try {
            java.nio.file.Path clip = com.skillmirror.testsupport.TestClips.excerpt(
                    com.skillmirror.testsupport.TestMedia.file("opencv_vtest_pedestrians.avi"), dir.resolve("walker.mp4"),
                    60, 3, "crop=480:320:150:256,scale=960:640");
            com.skillmirror.landmarks.PoseSeries poses = com.skillmirror.kinematics.PoseClips.trackClip(clip,
                    com.skillmirror.pose.PoseOptions.defaults());
            java.io.ByteArrayOutputStream series = new java.io.ByteArrayOutputStream();
            poses.write(series);
            results.store(video.uploadId(), video.id(), Artifact.PROXY, clip);
            results.store(video.uploadId(), video.id(), Artifact.POSE_SERIES, series.toByteArray());
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
        results.complete(video.id(), CompareResult.STAGE_RESULT, compareResultWithTwoRepetitions());

        run(new ReportTasklet(reports, results, videos, progress, video.id()));

        String html = new String(results.load(video.id(), Artifact.REPORT_HTML).orElseThrow(), StandardCharsets.UTF_8);
        String section = html.substring(html.indexOf("id=\"repetitions\""));
        section = section.substring(0, section.indexOf("<h2", 10));
        assertThat(section).containsPattern("id=\"repetition-best\" src=\"data:image/jpeg;base64,[A-Za-z0-9+/]{1000,}")
                .containsPattern("id=\"repetition-worst\" src=\"data:image/jpeg;base64,[A-Za-z0-9+/]{1000,}");
    }

    /** The sample run's comparison as a set of two repetitions, their key moments at frames 8 and 22 of the clip. */
    private static CompareResult compareResultWithTwoRepetitions() {
        RepetitionSet set = new RepetitionSet(2, 70.0, RepetitionSet.OVERALL_RULE, 60.0, List.of(
                new RepetitionSet.Rep(1, 0, 14, 0, 1400, 1400, 80.0, false, new RepetitionSet.KeyFrame("left-swing", 8,
                        800), Map.of(), null),
                new RepetitionSet.Rep(2, 15, 29, 1500, 2900, 1400, 60.0, false, new RepetitionSet.KeyFrame(
                        "left-swing", 22, 2200), Map.of(), null)), 1, 2,
                new RepetitionSet.Spread(70.0, 14.1, 20.2, 60.0, 80.0),
                new RepetitionSet.Spread(1400.0, 0.0, 0.0, 1400.0, 1400.0), List.of(),
                new RepetitionSet.Trend(-20.0, -20.0, "Scores fell 20 points."), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = StoredShapes.sampleResult(Stage.COMPARE);
        @SuppressWarnings("unchecked")
        Map<String, Object> comparison = (Map<String, Object>) row.get("comparison");
        comparison.put("repetitions", tools.jackson.databind.json.JsonMapper.builder().build().convertValue(set,
                Map.class));
        return ResultCodec.read(StoredShapes.json(row), CompareResult.class, CompareResult.STAGE_RESULT.version());
    }

    private static CompareResult compareResultScoring(double score) {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = StoredShapes.sampleResult(Stage.COMPARE);
        @SuppressWarnings("unchecked")
        Map<String, Object> comparison = (Map<String, Object>) row.get("comparison");
        comparison.put("score", score);
        return ResultCodec.read(StoredShapes.json(row), CompareResult.class, CompareResult.STAGE_RESULT.version());
    }

    /** The longest part of a message with nothing HTML escapes, to find it in a rendered page. */
    private static String plainPart(String message) {
        assertThat(message).isNotBlank();
        String longest = "";
        for (String part : message.split("[&<>\"']")) {
            longest = part.length() > longest.length() ? part : longest;
        }
        assertThat(longest.strip()).hasSizeGreaterThan(15);
        return longest.strip();
    }

    private String read(String key) throws IOException {
        try (InputStream in = storage.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Video byAthlete(List<Video> videos, String athlete) {
        return videos.stream().filter(v -> athlete.equals(v.athleteName())).findFirst().orElseThrow();
    }

    /** One file per athlete with the given content (text files fail decode: they are no video). */
    private List<Video> upload(Map<String, String> contentByAthlete) throws IOException {
        List<IncomingFile> files = new java.util.ArrayList<>();
        new java.util.TreeMap<>(contentByAthlete).forEach((athlete, content) -> {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            files.add(new IncomingFile(athlete.replace(' ', '-') + ".mp4", bytes.length,
                    () -> new ByteArrayInputStream(bytes), athlete, "squat"));
        });
        return uploads.create(files).videos();
    }

    private static void run(Tasklet tasklet) throws Exception {
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        tasklet.execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
    }
}
