package com.skillmirror.pose.athlete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.RgbImage;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.upload.AthletePoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The athlete among several people, on real footage (opencv-doc's vtest.avi pedestrians, python3-mecavideo's
 * cyclist), composed in memory and tracked by the real pose engine with the pose stage's settings (up to 4 people).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AthleteOnRealClipsTest {

    private static final PoseOptions OPTIONS = PoseOptions.defaults().withMaxPeople(4);
    /** The walker crop of the shared media README: 480x320+150+256 of vtest from 60 s, scaled 2x. */
    private static final UnaryOperator<RgbImage> WALKER_CROP = img -> img.crop(150, 256, 480, 320).resize(960, 640);

    private Map<String, Double> gait;
    private ComposedClips.Tracked crowded;
    private ComposedClips.Tracked cut;
    private int cutFirstScene;
    private int cutOtherScene;

    @BeforeAll
    void trackClips() throws Exception {
        gait = AthleteSelector.jointWeights(SkillCatalog.load().get("running-gait"));
        Path vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        List<PoseClips.Decoded> walker = PoseClips.decode(vtest, 60_000, 80, WALKER_CROP);
        // a bystander who does not move: the walker's frame at 64 s, larger, kept still
        RgbImage still = PoseClips.decode(vtest, 64_000, 1, WALKER_CROP).get(0).image().crop(280, 200, 280, 420)
                .resize(364, 546);
        List<RgbImage> crowdedFrames = new ArrayList<>();
        for (PoseClips.Decoded d : walker) {
            crowdedFrames.add(ComposedClips.paste(ComposedClips.paste(ComposedClips.blank(1324, 640, 90), d.image(),
                    0, 0), still, 960, 60));
        }
        crowded = ComposedClips.track(crowdedFrames, OPTIONS);

        // the walker for 4 s, a cut to the cyclist's scene, the walker again 0.5 s later in her walk
        List<RgbImage> cutFrames = new ArrayList<>();
        walker.subList(0, 40).forEach(d -> cutFrames.add(d.image()));
        cutFirstScene = cutFrames.size();
        for (PoseClips.Decoded d : PoseClips.decode(TestMedia.file("mecavideo_g1_cyclist.avi"), 0, 16,
                img -> img.resize(853, 640))) {
            cutFrames.add(ComposedClips.paste(ComposedClips.blank(960, 640, 60), d.image(), 53, 0));
        }
        cutOtherScene = cutFrames.size();
        walker.subList(45, 80).forEach(d -> cutFrames.add(d.image()));
        cut = ComposedClips.track(cutFrames, OPTIONS);
    }

    private static List<KinematicSeries> kinematics(PoseSeries series) {
        return series.personIds().stream().map(id -> Kinematics.of(series, id)).toList();
    }

    @Test
    void aPointPicksTheWalkerAndWithoutOneTheMoverIsChosenNotTheLargerStillBystander() {
        PoseSeries series = TrackStitcher.stitch(crowded.series(), crowded.appearances()).series();
        double panel = 960.0 / series.width();
        int bystander = series.personIds().stream().filter(id -> centresX(series, id).stream().allMatch(x -> x > panel))
                .findFirst().orElseThrow(() -> new AssertionError("the still bystander was not tracked"));
        int walker = series.personIds().stream().filter(id -> id != bystander)
                .max(java.util.Comparator.comparingDouble(id -> travel(centresX(series, id)))).orElseThrow();
        assertThat(travel(centresX(series, walker))).as("the walker crosses the frame").isGreaterThan(0.1);
        assertThat(travel(centresX(series, bystander))).as("the bystander stands still").isLessThan(0.01);
        // the old rule (largest and most central over time) takes the bystander: what this replaces
        assertThat(series.mainPersonId()).isEqualTo(bystander);

        AthleteChoice byDefault = AthleteSelector.choose(series, kinematics(series), gait, null);
        assertThat(byDefault.personId()).isEqualTo(walker);
        assertThat(byDefault.basis()).isEqualTo(AthleteChoice.Basis.MOVEMENT);
        assertThat(byDefault.reason()).startsWith("moved most in the ").contains("knee");

        // where a coach clicks on the thumbnail (the frame at half the duration): on the walker, on the bystander
        AthleteChoice onWalker = AthleteSelector.choose(series, kinematics(series), gait, new AthletePoint(0.32, 0.62));
        assertThat(onWalker.personId()).isEqualTo(walker);
        assertThat(onWalker.basis()).isEqualTo(AthleteChoice.Basis.POINT);
        assertThat(onWalker.reason()).startsWith("chosen by your point (0.32, 0.62)");
        AthleteChoice onBystander = AthleteSelector.choose(series, kinematics(series), gait, new AthletePoint(0.86, 0.5));
        assertThat(onBystander.personId()).isEqualTo(bystander);

        // a thumbnail taken at another time (as the decode stage records it): the point is matched at that moment
        PoseFrame early = series.frames().stream().skip(series.frames().size() / 4)
                .filter(f -> f.person(walker) != null).findFirst().orElseThrow();
        float[] b = early.person(walker).landmarkBounds();
        AthletePoint onWalkerThen = new AthletePoint(Math.round((b[0] + b[2]) / 2 * 1000) / 1000.0,
                Math.round((b[1] + b[3]) / 2 * 1000) / 1000.0);
        AthleteChoice then = AthleteSelector.choose(series, kinematics(series), gait, onWalkerThen, early.timeMs());
        assertThat(then.personId()).isEqualTo(walker);
        assertThat(then.timeMs()).isEqualTo(early.timeMs());
    }

    @Test
    void aPointOnNobodyIsAnErrorNamingTheNearestPeopleNearestFirst() {
        PoseSeries series = TrackStitcher.stitch(crowded.series(), crowded.appearances()).series();
        int walker = AthleteSelector.choose(series, kinematics(series), gait, null).personId();
        assertThatThrownBy(() -> AthleteSelector.choose(series, kinematics(series), gait, new AthletePoint(0.1, 0.25)))
                .isInstanceOf(AthleteNotFoundException.class)
                .hasMessageStartingWith("Nobody at (0.10, 0.25) on the thumbnail (at 4.0 s); nearest: person " + walker
                        + " at (0.")
                .hasMessageContaining(", person ")
                .hasMessageContaining("Click on the athlete's body in the thumbnail, or remove the point");
        AthleteFinder.Outcome outcome = AthleteFinder.find(crowded.series(), crowded.appearances(), gait,
                new AthletePoint(0.1, 0.25));
        assertThat(outcome.athlete()).isNull();
        assertThat(outcome.failure()).startsWith("Nobody at (0.10, 0.25)");
    }

    @Test
    void theWalkerBeforeAndAfterACutToAnotherSceneIsOneAthlete() {
        PoseSeries raw = cut.series();
        // the tracker alone gives the walker a new id after the cut
        for (int id : raw.personIds()) {
            assertThat(seen(raw, id, 0, cutFirstScene) > 0 && seen(raw, id, cutOtherScene, raw.frames().size()) > 0)
                    .as("tracker id %d spans both walker scenes", id).isFalse();
        }
        AthleteFinder.Outcome found = AthleteFinder.find(raw, cut.appearances(), gait, null);
        PoseSeries series = found.series();
        int athlete = found.athlete().personId();
        assertThat(seen(series, athlete, 0, cutFirstScene)).isGreaterThanOrEqualTo((int) (0.9 * cutFirstScene));
        int after = series.frames().size() - cutOtherScene;
        assertThat(seen(series, athlete, cutOtherScene, series.frames().size())).isGreaterThanOrEqualTo((int) (0.9 * after));
        assertThat(seen(series, athlete, cutFirstScene, cutOtherScene)).as("not merged with the other scene's people")
                .isZero();
        assertThat(found.stitching().people()).isLessThan(found.stitching().tracklets());
    }

    @Test
    void aPersonAcrossTwoPoseSegmentsIsOnePerson() throws Exception {
        // the pose stage tracks each segment (450 frames by default) on its own and offsets the later segment's ids (see
        // PoseFrameProcessor.trackId): here the crowded clip cut at frame 40 the same way
        PoseSeries whole = crowded.series();
        List<PoseFrame> frames = new ArrayList<>();
        AppearanceTable appearances = new AppearanceTable();
        for (PoseFrame f : whole.frames()) {
            int offset = f.index() >= 40 ? 40 * 1000 : 0;
            List<PersonPose> people = new ArrayList<>();
            for (PersonPose p : f.people()) {
                people.add(new PersonPose(p.id() + offset, p.score(), p.landmarks(), p.worldLandmarks(), p.box()));
                appearances.put(f.index(), p.id() + offset, crowded.appearances().get(f.index(), p.id()));
            }
            frames.add(new PoseFrame(f.index(), f.timeMs(), people));
        }
        PoseSeries segmented = new PoseSeries(whole.model(), whole.fps(), whole.width(), whole.height(), frames);
        // written and read back as the chunk writer and the summary do
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        appearances.write(bytes);
        AppearanceTable stored = AppearanceTable.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(stored.size()).isEqualTo(appearances.size());

        assertThat(segmented.personIds()).hasSize(2 * whole.personIds().size());
        TrackStitcher.Result stitched = TrackStitcher.stitch(segmented, stored);
        assertThat(stitched.people()).isEqualTo(TrackStitcher.stitch(whole, crowded.appearances()).people())
                .isEqualTo(whole.personIds().size());
    }

    private static int seen(PoseSeries series, int id, int from, int to) {
        return (int) series.frames().subList(from, to).stream().filter(f -> f.person(id) != null).count();
    }

    private static List<Double> centresX(PoseSeries series, int id) {
        List<Double> out = new ArrayList<>();
        for (PoseFrame f : series.frames()) {
            PersonPose p = f.person(id);
            if (p != null) {
                float[] b = p.landmarkBounds();
                out.add((b[0] + b[2]) / 2.0);
            }
        }
        return out;
    }

    private static double travel(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }
}
