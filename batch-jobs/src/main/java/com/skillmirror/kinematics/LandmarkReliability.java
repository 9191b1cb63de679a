package com.skillmirror.kinematics;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.List;

/**
 * How far each landmark of one person can be trusted, frame by frame. BlazePose always returns all 33 landmarks
 * and is over-confident about the ones it cannot see (a leg behind the other one often gets a visibility of 0.9),
 * so visibility alone is not enough: the camera view decides first. A landmark is unreliable when, in that frame,
 * <ol>
 * <li>the view puts its side of the body behind the body ({@link CameraView#hiddenSide}, side views only),</li>
 * <li>it lies outside the picture (the model extrapolates a cut-off limb), or</li>
 * <li>its visibility is below {@link Kinematics#DEFAULT_MIN_VISIBILITY}.</li>
 * </ol>
 * Frames without the person, or without a view, have nothing reliable.
 */
public final class LandmarkReliability {

    /** Why a landmark is not trusted, in the order checked. */
    public enum Problem {
        HIDDEN_BY_BODY, OUT_OF_FRAME, LOW_VISIBILITY, NOT_SEEN
    }

    /**
     * Shares over the frames with the person.
     *
     * @param frames          frames with the person
     * @param outOfFrame      frames where a hip, knee, ankle, shoulder, elbow or wrist is outside the picture
     * @param lowVisibility   frames where one of those is in the picture and on a side in view, yet less visible
     *                        than the threshold (dark, blurred or covered by something else)
     * @param meanHeight      the person's mean height in the picture (landmark bounds), share of the frame height
     */
    public record Summary(int frames, double outOfFrame, double lowVisibility, double meanHeight) {
    }

    /** The limb and trunk landmarks the angles use: whether a person is cut off or badly seen is judged on them. */
    static final List<BodyLandmark> BODY = List.of(BodyLandmark.LEFT_SHOULDER, BodyLandmark.RIGHT_SHOULDER,
            BodyLandmark.LEFT_ELBOW, BodyLandmark.RIGHT_ELBOW, BodyLandmark.LEFT_WRIST, BodyLandmark.RIGHT_WRIST,
            BodyLandmark.LEFT_HIP, BodyLandmark.RIGHT_HIP, BodyLandmark.LEFT_KNEE, BodyLandmark.RIGHT_KNEE,
            BodyLandmark.LEFT_ANKLE, BodyLandmark.RIGHT_ANKLE);

    private final Problem[][] problems; // [sample][landmark], null = reliable
    private final Summary summary;

    private LandmarkReliability(Problem[][] problems, Summary summary) {
        this.problems = problems;
        this.summary = summary;
    }

    public static LandmarkReliability of(PoseSeries series, int personId, ViewTimeline views) {
        List<PoseFrame> frames = series.frames();
        if (frames.size() != views.size()) {
            throw new IllegalArgumentException("The view timeline has " + views.size() + " samples, the series "
                    + frames.size() + ": make both from the same series");
        }
        int n = frames.size();
        Problem[][] problems = new Problem[n][];
        int seen = 0;
        int cut = 0;
        int dim = 0;
        double height = 0;
        for (int i = 0; i < n; i++) {
            PersonPose p = frames.get(i).person(personId);
            problems[i] = new Problem[PersonPose.LANDMARK_COUNT];
            CameraView view = views.view(i);
            if (p == null || view == null) {
                java.util.Arrays.fill(problems[i], Problem.NOT_SEEN);
                continue;
            }
            seen++;
            Skeleton.Side hidden = view.hiddenSide();
            List<Landmark> lms = p.landmarks();
            for (BodyLandmark b : BodyLandmark.values()) {
                Landmark l = lms.get(b.index());
                if ((hidden == Skeleton.Side.LEFT && b.isLeft()) || (hidden == Skeleton.Side.RIGHT && b.isRight())) {
                    problems[i][b.index()] = Problem.HIDDEN_BY_BODY;
                } else if (l.x() < 0 || l.x() > 1 || l.y() < 0 || l.y() > 1) {
                    problems[i][b.index()] = Problem.OUT_OF_FRAME;
                } else if (l.visibility() < Kinematics.DEFAULT_MIN_VISIBILITY) {
                    problems[i][b.index()] = Problem.LOW_VISIBILITY;
                }
            }
            boolean anyCut = false;
            boolean anyDim = false;
            for (BodyLandmark b : BODY) {
                anyCut |= problems[i][b.index()] == Problem.OUT_OF_FRAME;
                anyDim |= problems[i][b.index()] == Problem.LOW_VISIBILITY;
            }
            cut += anyCut ? 1 : 0;
            dim += anyDim ? 1 : 0;
            float[] box = p.landmarkBounds();
            height += Math.min(1, box[3]) - Math.max(0, box[1]);
        }
        return new LandmarkReliability(problems, seen == 0 ? new Summary(0, 0, 0, 0)
                : new Summary(seen, cut / (double) seen, dim / (double) seen, height / seen));
    }

    public int size() {
        return problems.length;
    }

    /** Why landmark {@code b} is not trusted in sample {@code i}; null when it is. */
    public Problem problem(int i, BodyLandmark b) {
        return problems[i][b.index()];
    }

    /** Whether every landmark of the angle is trusted in sample {@code i} (see {@link #problem(int, Angle)}). */
    public boolean reliable(int i, Angle angle) {
        return problem(i, angle) == null;
    }

    /**
     * The first problem among the angle's landmarks in sample {@code i}; null when all are trusted. The far side's
     * being behind the body counts only for an angle of one side (a knee, an elbow): an angle across the body (trunk
     * lean, from the mid-points of both shoulders and both hips) is measured well enough on the near side's
     * landmarks, which the far ones lie almost on top of.
     */
    public Problem problem(int i, Angle angle) {
        boolean oneSided = angle.landmarks().stream().allMatch(BodyLandmark::isLeft)
                || angle.landmarks().stream().allMatch(BodyLandmark::isRight);
        for (BodyLandmark b : angle.landmarks()) {
            Problem p = problems[i][b.index()];
            if (p != null && (p != Problem.HIDDEN_BY_BODY || oneSided)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The share of the frames with the person in which one of these landmarks has this problem: how much of what a
     * skill reads was, say, outside the picture.
     */
    public double share(java.util.Collection<BodyLandmark> landmarks, Problem problem) {
        int seen = 0;
        int hit = 0;
        for (Problem[] frame : problems) {
            if (frame[0] == Problem.NOT_SEEN) {
                continue;
            }
            seen++;
            for (BodyLandmark b : landmarks) {
                if (frame[b.index()] == problem) {
                    hit++;
                    break;
                }
            }
        }
        return seen == 0 ? 0 : hit / (double) seen;
    }

    public Summary summary() {
        return summary;
    }
}
