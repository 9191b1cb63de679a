package com.skillmirror.pose.athlete;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.RgbImage;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Footage that cannot give a whole athlete, on real clips tracked by the real pose engine: each gets a message that
 * says what is wrong and what to film instead (nobody, a crowd too small to be found: no analysis; an athlete in
 * view under a second, only the head, a small athlete: analysed, with the warning; legs alone: either).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadFootageOnRealClipsTest {

    private static final PoseOptions OPTIONS = PoseOptions.defaults().withMaxPeople(4);

    private Path vtest;
    private Map<String, Double> gait;
    /** The lawn right of vtest's tripod at 5 s, when nobody walks there, as large as the walker crop. */
    private List<RgbImage> emptyLawn;

    @BeforeAll
    void load() throws Exception {
        vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        gait = AthleteSelector.jointWeights(SkillCatalog.load().get("running-gait"));
        emptyLawn = images(PoseClips.decode(vtest, 5_000, 20, img -> img.crop(560, 420, 208, 156).resize(960, 640)));
    }

    private static List<RgbImage> images(List<PoseClips.Decoded> decoded) {
        return new ArrayList<>(decoded.stream().map(PoseClips.Decoded::image).toList());
    }

    private AthleteFinder.Outcome find(List<RgbImage> frames) {
        ComposedClips.Tracked t = ComposedClips.track(frames, OPTIONS);
        return AthleteFinder.find(t.series(), t.appearances(), gait, null);
    }

    @Test
    void nobodyInAnyFrame() {
        AthleteFinder.Outcome outcome = find(emptyLawn);
        assertThat(outcome.athlete()).isNull();
        assertThat(outcome.failure()).isEqualTo(AthleteFinder.NOBODY).contains("people far away are not found)");
    }

    @Test
    void anAthleteInViewForUnderASecond() throws Exception {
        List<RgbImage> frames = images(PoseClips.vtestWalker(vtest, 7));
        frames.addAll(emptyLawn);
        AthleteFinder.Outcome outcome = find(frames);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.athlete().warnings()).anySatisfy(w -> assertThat(w).matches("The athlete \\(person \\d+\\) is in"
                + " view for only 0\\.\\d s \\(\\d frames at 10 fps\\): too short for a whole movement.*Film the whole"
                + " movement, at least 1 s.*"));
    }

    @Test
    void aFaceCloseUp() throws Exception {
        List<RgbImage> frames = images(PoseClips.decode(TestMedia.file("kphotoalbum_talking_head.avi"), 0, 30,
                img -> img.resize(640, 480)));
        AthleteFinder.Outcome outcome = find(frames);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.athlete().warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("Only the athlete's head and upper body are in view").contains("Film the whole body"));
    }

    @Test
    void onlyTheHeadAndShoulders() throws Exception {
        // the presenter's webcam picture in forensics-samples' screen recording: head and shoulders
        List<RgbImage> frames = images(PoseClips.decode(TestMedia.file("forensics_movie-hello_talking_head.mp4"), 0, 30,
                img -> img.crop(80, 80, 300, 200).resize(600, 400)));
        AthleteFinder.Outcome outcome = find(frames);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.athlete().warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("Only the athlete's head and upper body are in view").contains("Film the whole body"));
    }

    @Test
    void onlyTheLegs() throws Exception {
        // the walker from the hips down
        List<RgbImage> frames = images(PoseClips.decode(vtest, 63_500, 20,
                img -> img.crop(250, 456, 240, 120).resize(960, 480)));
        AthleteFinder.Outcome outcome = find(frames);
        // BlazePose's detector looks for a face and a torso: legs without a body are nobody, and the message says so
        assertThat(outcome.athlete()).as("legs only, failure: %s", outcome.failure()).isNull();
        assertThat(outcome.failure()).isEqualTo(AthleteFinder.NOBODY);
    }

    @Test
    void smallPeopleAreWarnedAbout() throws Exception {
        // the pose model finds nobody below about a sixth of the frame height, but keeps tracking people who walk
        // away and shrink: the walker's real landmarks shrunk to 15 % of the frame, alone and with two others
        PoseSeries walker = ComposedClips.track(images(PoseClips.vtestWalker(vtest, 20)), OPTIONS).series();
        PoseSeries alone = shrunk(walker, List.of(0.4f));
        assertThat(FootageChecks.check(alone, 0)).singleElement().satisfies(w -> assertThat(w)
                .matches("The athlete is small in the frame \\(about \\d+ % of the frame height\\).*Film closer.*"));
        PoseSeries crowd = shrunk(walker, List.of(0.1f, 0.4f, 0.7f));
        assertThat(FootageChecks.check(crowd, 1)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("A crowd of small people (3 people seen; the athlete about ")
                .contains("Mark the athlete on the thumbnail"));
        assertThat(FootageChecks.check(walker, walker.personIds().get(0))).isEmpty();
    }

    /** Each person of the series (the first) copied to each left edge, scaled to 15 % of the frame. */
    private static PoseSeries shrunk(PoseSeries series, List<Float> lefts) {
        List<PoseFrame> frames = new ArrayList<>();
        for (PoseFrame f : series.frames()) {
            List<PersonPose> people = new ArrayList<>();
            if (!f.people().isEmpty()) {
                PersonPose p = f.people().get(0);
                for (int k = 0; k < lefts.size(); k++) {
                    float left = lefts.get(k);
                    List<Landmark> lms = p.landmarks().stream().map(l -> new Landmark(left + 0.15f * l.x(),
                            0.4f + 0.15f * l.y(), l.z(), l.visibility(), l.presence())).toList();
                    people.add(new PersonPose(k, p.score(), lms, p.worldLandmarks(), null));
                }
            }
            frames.add(new PoseFrame(f.index(), f.timeMs(), people));
        }
        return new PoseSeries(series.model(), series.fps(), series.width(), series.height(), frames);
    }

    @Test
    void aCrowdOfSmallPeople() throws Exception {
        // vtest's whole view: a dozen pedestrians, each under a sixth of the frame height, too small to be found
        AthleteFinder.Outcome outcome = find(images(PoseClips.decode(vtest, 20_000, 20, img -> img)));
        assertThat(outcome.athlete()).isNull();
        assertThat(outcome.failure()).isEqualTo(AthleteFinder.NOBODY);
    }
}
