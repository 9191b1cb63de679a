package com.skillmirror.compare;

import com.skillmirror.compare.Comparison.CaptureQuality;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.kinematics.Angle;
import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.CameraView;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.LandmarkReliability;
import com.skillmirror.kinematics.Skeleton;
import com.skillmirror.kinematics.ViewTimeline;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Joint;
import com.skillmirror.skill.SkillDefinition.Metric;
import com.skillmirror.skill.SkillDefinition.MetricKind;
import com.skillmirror.storage.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the camera let us see of one person, frame by frame, in the rows of that person's take: the view
 * ({@link ViewTimeline}) and which landmarks can be trusted ({@link LandmarkReliability}). The comparator uses it to
 * leave out what the view hides: an angle on the far side of a side view, or out of the picture, is a gap; a joint
 * outside its declared views is a gap; a metric whose views cover under {@link #MIN_SHARE} of the frames in which the
 * person is seen is withheld with its reason, any other is measured over the frames of its views only.
 */
public final class CaptureViews {

    /** A metric needs its views in at least this share of the frames the person is seen in. */
    static final double MIN_SHARE = 0.5;

    /** Below this share of the picture's height the landmarks of the limbs are a few pixels apart. */
    static final double SMALL_IN_FRAME = 0.25;
    /** Below this frame rate a fast joint's peak falls between frames. */
    static final double LOW_FPS = 20;
    /** Shares of the frames above which cut-off limbs or poorly seen landmarks are worth a word. */
    static final double NOTABLE_SHARE = 0.2;

    private final ViewTimeline timeline;
    private final LandmarkReliability reliability;
    private final ViewTimeline.Summary summary;
    private final double fps;
    private final int heightPx;

    private CaptureViews(ViewTimeline timeline, LandmarkReliability reliability, double fps, int heightPx) {
        this.timeline = timeline;
        this.reliability = reliability;
        this.summary = timeline.summary();
        this.fps = fps;
        this.heightPx = heightPx;
    }

    /** The views of person {@code personId}, one per frame of the series (the rows of their kinematics). */
    public static CaptureViews of(PoseSeries series, int personId) {
        ViewTimeline timeline = ViewTimeline.of(series, personId);
        return new CaptureViews(timeline, LandmarkReliability.of(series, personId, timeline), series.fps(),
                series.height());
    }

    /**
     * A person's views from a video's stored landmark series; empty when the video has none (analysed before they
     * were kept) or they do not line up with the person's kinematics (then the comparison goes on without views).
     */
    public static Optional<CaptureViews> stored(StageResults results, UUID videoId, KinematicSeries person)
            throws IOException {
        Optional<byte[]> bytes = results.load(videoId, Artifact.POSE_SERIES);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return of(PoseSeries.read(new ByteArrayInputStream(bytes.get())), person);
    }

    /** The person's views in this series; empty when its frames are not the rows of the person's kinematics. */
    public static Optional<CaptureViews> of(PoseSeries series, KinematicSeries person) {
        return series.frames().size() == person.size() ? Optional.of(of(series, person.personId()))
                : Optional.empty();
    }

    public int size() {
        return timeline.size();
    }

    public ViewTimeline.Summary summary() {
        return summary;
    }

    public LandmarkReliability.Summary landmarks() {
        return reliability.summary();
    }

    /**
     * The take with every value the camera could not see made a gap: a left or right angle on the side a side view
     * hides, an angle with a landmark outside the picture, a joint angle in a frame outside its declared views.
     */
    FeatureSeries trusted(FeatureSeries take, SkillDefinition skill) {
        check(take);
        Map<String, Set<CameraView>> declared = new LinkedHashMap<>();
        for (Joint j : skill.joints()) {
            declared.put(j.angle(), j.allowedViews());
        }
        double[][] v = copy(take.values());
        for (int f = 0; f < take.width(); f++) {
            Angle angle = angle(take.names().get(f));
            Set<CameraView> allowed = declared.get(take.names().get(f));
            // hidden behind the body in most frames: what is left is BlazePose's guess at a limb it rarely saw
            boolean mostlyHidden = angle != null && hiddenByBody(angle);
            for (int t = 0; t < v.length; t++) {
                CameraView view = timeline.view(t);
                boolean gone = mostlyHidden || (angle != null && hidden(t, angle));
                gone |= allowed != null && view != null && !allowed.contains(view);
                if (gone) {
                    v[t][f] = Double.NaN;
                }
            }
        }
        return new FeatureSeries(take.names(), take.fps(), v);
    }

    /** The take with every frame outside these views (or without a view) a gap. */
    FeatureSeries onlyIn(FeatureSeries take, Set<CameraView> views) {
        check(take);
        double[][] v = copy(take.values());
        for (int t = 0; t < v.length; t++) {
            CameraView view = timeline.view(t);
            if (view == null || !views.contains(view)) {
                java.util.Arrays.fill(v[t], Double.NaN);
            }
        }
        return new FeatureSeries(take.names(), take.fps(), v);
    }

    /** The share of the frames with the person whose view is one of these. */
    double share(Collection<CameraView> views) {
        return summary.share(views);
    }

    /** Why the metric cannot be measured from this footage; null when it can (or needs no view). */
    String withheldReason(SkillDefinition skill, Metric m) {
        Set<CameraView> allowed = skill.metricViews(m);
        if (allowed == null || summary.frames() == 0) {
            return null;
        }
        double share = share(allowed);
        CameraView dominant = summary.dominant();
        String filmed = "filmed " + dominant.describe() + " (" + dominant.key() + " " + percent(summary.share(dominant))
                + " of the frames)";
        List<String> behind = hiddenByBody(m.signal());
        if (m.kind() == MetricKind.SYMMETRY && share >= MIN_SHARE && !behind.isEmpty()
                && behind.size() < m.signal().size()) {
            // a left/right comparison from the side: each limb is read only while it is the near one, so the take
            // needs both sides to the camera in turn; here one side was behind the body in most frames
            return filmed + ": the far " + part(behind.get(0)) + " is hidden, so left/right symmetry cannot be"
                    + " measured; film " + describe(allowed) + EACH_SIDE + ", to measure it (here the "
                    + behindSideName(behind.get(0)) + " side faced the camera in " + percent(nearShare(behind.get(0)))
                    + " of the frames)";
        }
        if (share >= MIN_SHARE && !behind.isEmpty() && behind.size() == m.signal().size()) {
            // a one-sided metric on the side the view hides: nothing of it was seen
            return filmed + ": the " + behind.stream().map(a -> a.replaceFirst("_(angle|orientation)$", "")
                    .replace('_', ' ')).collect(Collectors.joining(" and ")) + " was behind the body";
        }
        if (share >= MIN_SHARE) {
            return null;
        }
        String need = "; film " + describe(allowed) + " to measure it (here " + percent(share) + " of the frames)";
        if (m.kind() == MetricKind.SYMMETRY && dominant.isSide()) {
            return filmed + ": the far " + part(m.signal().get(0)) + " is hidden, so left/right symmetry cannot be"
                    + " measured" + need;
        }
        if (m.kind() == MetricKind.SYMMETRY && !allowed.contains(dominant)
                && (dominant == CameraView.FRONT || dominant == CameraView.BACK)) {
            // e.g. a sagittal angle seen from the front or behind: the joint bends along the camera's depth axis
            return filmed + ": " + m.name() + " needs a view " + describe(allowed) + ", where the joints bend"
                    + " across the picture; " + dominant.describe() + " they bend towards or away from the camera,"
                    + " which one camera cannot measure" + need;
        }
        return filmed + ": " + m.name() + " needs a view " + describe(allowed) + need;
    }

    /** How a side-view symmetry metric asks for both sides: each limb is measured while it is the near one. */
    private static final String EACH_SIDE = " with each side to the camera in turn, e.g. passing it both ways";

    /** "left" or "right": the side of this angle's limb. */
    private static String behindSideName(String angleName) {
        return side(angle(angleName)).name().toLowerCase(Locale.ROOT);
    }

    /** The share of the frames with the person in which this angle's side faced the camera (a side view). */
    private double nearShare(String angleName) {
        Skeleton.Side side = side(angle(angleName));
        return summary.share(java.util.Arrays.stream(CameraView.values())
                .filter(v -> v.isSide() && v.hiddenSide() != null && v.hiddenSide() != side).toList());
    }

    /**
     * What to change next time, only where it mattered: the view (metrics withheld, angles hidden), the person's
     * size in the picture, the frame rate, landmarks cut off or poorly seen.
     */
    CaptureQuality quality(SkillDefinition skill, List<Metric> withheld, List<String> hiddenAngles) {
        List<String> advice = new ArrayList<>();
        LandmarkReliability.Summary lm = reliability.summary();
        if (!withheld.isEmpty() || !hiddenAngles.isEmpty()) {
            StringBuilder view = new StringBuilder("View: the athlete was filmed mostly ")
                    .append(summary.dominant().describe()).append('.');
            if (!withheld.isEmpty()) {
                view.append(" Not measured: ").append(withheld.stream()
                        .map(m -> m.name() + " (" + remedy(skill, m) + ")").collect(Collectors.joining("; ")))
                        .append('.');
            }
            if (!hiddenAngles.isEmpty()) {
                view.append(" Left out of the score, behind the body: the ").append(hiddenAngles.stream()
                        .map(a -> a.replaceFirst("_angle$", "").replace('_', ' ')).collect(Collectors.joining(", ")))
                        .append('.');
            }
            view.append(" A second camera, or a second take from that view, fills the gap.");
            advice.add(view.toString());
        }
        // what matters is what the skill reads: the landmarks of its compared angles
        java.util.Set<BodyLandmark> read = java.util.EnumSet.noneOf(BodyLandmark.class);
        skill.jointNames().stream().map(CaptureViews::angle).filter(java.util.Objects::nonNull)
                .forEach(a -> read.addAll(a.landmarks()));
        double cutOff = reliability.share(read, LandmarkReliability.Problem.OUT_OF_FRAME);
        double poorlySeen = reliability.share(read, LandmarkReliability.Problem.LOW_VISIBILITY);
        if (lm.frames() > 0 && lm.meanHeight() < SMALL_IN_FRAME) {
            advice.add("Distance: the athlete is " + percent(lm.meanHeight()) + " of the picture's height (about "
                    + Math.round(lm.meanHeight() * heightPx) + " pixels); come closer or zoom in until the whole body"
                    + " fills at least half of the height.");
        }
        if (fps < LOW_FPS) {
            advice.add("Frame rate: " + Math.round(fps) + " frames per second misses the quick peaks of a movement;"
                    + " film at 30 frames per second or more.");
        }
        if (cutOff > NOTABLE_SHARE) {
            advice.add("Framing: a joint the skill measures was outside the picture in " + percent(cutOff)
                    + " of the frames;"
                    + " keep the whole body in the frame for the whole movement.");
        }
        if (poorlySeen > NOTABLE_SHARE) {
            advice.add("Light and visibility: a joint the skill measures was poorly seen in " + percent(poorlySeen)
                    + " of the frames (not counting the side the view hides); film in better light, against a plain"
                    + " background, with nothing in front of the athlete.");
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        summary.shares().forEach((view, s) -> shares.put(view.key(), Signals.round(s, 3)));
        return new CaptureQuality(summary.frames(), shares, summary.dominant() == null ? null
                : summary.dominant().key(), Signals.round(lm.meanHeight(), 3), Signals.round(fps, 1),
                Signals.round(cutOff, 3), Signals.round(poorlySeen, 3), List.copyOf(hiddenAngles),
                advice);
    }

    /** What would let the metric be measured: the views it needs, or the hidden side turned to the camera. */
    private String remedy(SkillDefinition skill, Metric m) {
        List<String> behind = hiddenByBody(m.signal());
        if (!behind.isEmpty() && behind.size() == m.signal().size()) {
            Skeleton.Side side = side(angle(behind.get(0)));
            return "film with the " + side.name().toLowerCase(Locale.ROOT) + " side to the camera";
        }
        Set<CameraView> views = skill.metricViews(m);
        boolean sideOnly = views.stream().allMatch(CameraView::isSide);
        return "film " + describe(views) + (m.kind() == MetricKind.SYMMETRY && sideOnly ? EACH_SIDE : "");
    }

    /**
     * Whether a left or right angle is on the side the view hides in more than half of the frames with a view: it
     * is then left out of the score altogether (its weight dropped), not only in those frames.
     */
    boolean hiddenByBody(Angle angle) {
        Skeleton.Side side = side(angle);
        if (side == Skeleton.Side.CENTRE || summary.frames() == 0) {
            return false;
        }
        int hidden = 0;
        for (int t = 0; t < timeline.size(); t++) {
            CameraView view = timeline.view(t);
            hidden += view != null && view.hiddenSide() == side ? 1 : 0;
        }
        return hidden > summary.frames() * MIN_SHARE;
    }

    /** The angles of these that the view hid in most frames ({@link #hiddenByBody}), in order. */
    List<String> hiddenByBody(List<String> angles) {
        return angles.stream().filter(a -> angle(a) != null && hiddenByBody(angle(a))).toList();
    }

    /** LEFT or RIGHT when every landmark of the angle is on that side; CENTRE for angles across the body. */
    private static Skeleton.Side side(Angle angle) {
        if (angle.landmarks().stream().allMatch(BodyLandmark::isLeft)) {
            return Skeleton.Side.LEFT;
        }
        return angle.landmarks().stream().allMatch(BodyLandmark::isRight) ? Skeleton.Side.RIGHT : Skeleton.Side.CENTRE;
    }

    /** Whether the camera could not see the angle in row {@code t}: behind the body, or a landmark cut off. */
    boolean hidden(int t, Angle angle) {
        LandmarkReliability.Problem p = reliability.problem(t, angle);
        // poorly seen landmarks are already gaps in the kinematics (its visibility threshold)
        return p == LandmarkReliability.Problem.HIDDEN_BY_BODY || p == LandmarkReliability.Problem.OUT_OF_FRAME;
    }

    private void check(FeatureSeries take) {
        if (take.length() != timeline.size()) {
            throw new IllegalArgumentException("The take has " + take.length() + " frames, its views "
                    + timeline.size() + ": make both from the same pose series");
        }
    }

    private static Angle angle(String name) {
        try {
            return Angle.byKey(name);
        } catch (IllegalArgumentException notAnAngle) {
            return null;
        }
    }

    private static double[][] copy(double[][] values) {
        double[][] v = new double[values.length][];
        for (int t = 0; t < v.length; t++) {
            v[t] = values[t].clone();
        }
        return v;
    }

    /** "knee" for left_knee_angle, "thigh" for left_thigh_orientation. */
    static String part(String angle) {
        return angle.replaceFirst("^(left|right)_", "").replaceFirst("_(angle|orientation)$", "").replace('_', ' ');
    }

    /** "from the front or from behind" and the like, for a set of views. */
    static String describe(Set<CameraView> views) {
        List<String> words = new ArrayList<>();
        if (views.contains(CameraView.FRONT)) {
            words.add("from the front");
        }
        if (views.contains(CameraView.BACK)) {
            words.add("from behind");
        }
        if (views.contains(CameraView.SIDE_LEFT) && views.contains(CameraView.SIDE_RIGHT)) {
            words.add("from the side");
        } else if (views.contains(CameraView.SIDE_LEFT)) {
            words.add("from the side with the left side to the camera");
        } else if (views.contains(CameraView.SIDE_RIGHT)) {
            words.add("from the side with the right side to the camera");
        }
        if (views.contains(CameraView.OBLIQUE)) {
            words.add("at an angle");
        }
        return words.isEmpty() ? "from another view" : words.stream().collect(Collectors.joining(" or "));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
