package com.skillmirror.compare.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.compare.VtestWalker;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.skill.SkillSettings;
import com.skillmirror.storage.Artifact;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.StoredShapes;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compare step on a video analysed before the pose stage stored kinematics (its stored results hold the landmark
 * series and a pose row of that time, nothing else): it compares, from kinematics computed from those landmarks.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class CompareTaskletTest extends OwnDatabaseTest {

    @Autowired
    UploadService uploads;
    @Autowired
    VideoRepository videos;
    @Autowired
    StageResults results;
    @Autowired
    ComparisonRepository comparisons;
    @Autowired
    ExpertPatterns patterns;
    @Autowired
    ProgressPublisher progress;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aVideoWithOnlyItsLandmarkSeriesIsComparedNotSkipped() throws Exception {
        Path skillDir = Files.createDirectories(home.resolve("extra-skills"));
        Files.writeString(skillDir.resolve("walk-take.yaml"), VtestWalker.WALK_TAKE_SKILL);
        SkillRegistry skills = new SkillRegistry(jdbc, json, new SkillSettings(skillDir.toString()));
        SkillDefinition walk = skills.get("walk-take");

        ByteArrayOutputStream landmarks = new ByteArrayOutputStream();
        VtestWalker.poses().write(landmarks);
        PoseSeries walker = PoseSeries.read(new ByteArrayInputStream(landmarks.toByteArray()));
        int main = walker.mainPersonId();
        ExpertPattern pattern = new PatternBuilder(walk)
                .fromKinematics(List.of(Kinematics.of(walker, main)), VtestWalker.PROFILE);
        patterns.save(pattern, patterns.expert(VtestWalker.PROFILE));

        Video video = upload(walk.id());
        results.store(video.uploadId(), video.id(), Artifact.POSE_SERIES, landmarks.toByteArray());
        Map<String, Object> oldPoseRow = StoredShapes.sampleResult(Stage.POSE);
        oldPoseRow.put("mainPersonId", main);
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary)
                VALUES (?, 'pose', 'COMPLETED', CAST(? AS jsonb))""")
                .params(video.id(), StoredShapes.json(oldPoseRow)).update();

        run(new CompareTasklet(videos, results, comparisons, skills, patterns, progress, video.id()));

        StageOutcome outcome = results.outcomes(video.id()).get(Stage.COMPARE);
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(StageOutcome.Status.COMPLETED);
        CompareResult compared = results.result(video.id(), CompareResult.STAGE_RESULT).orElseThrow();
        assertThat(compared.personId()).isEqualTo(main);
        // the take the pattern was built from, compared with it
        assertThat(compared.comparison().score()).isGreaterThan(90);
        // the stored landmarks gave the camera's view: the walker is seen mostly from behind
        assertThat(compared.comparison().capture()).isNotNull();
        assertThat(compared.comparison().capture().dominantView()).isEqualTo("back");
        assertThat(results.key(video.id(), Artifact.KINEMATICS)).isPresent();
    }

    private Video upload(String skillId) throws Exception {
        byte[] bytes = "stands in for the walker's clip".getBytes(StandardCharsets.UTF_8);
        return uploads.create(List.of(new IncomingFile("walker.mp4", bytes.length,
                () -> new ByteArrayInputStream(bytes), "Walker", skillId))).videos().get(0);
    }

    private static void run(CompareTasklet tasklet) throws Exception {
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        tasklet.execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
    }
}
