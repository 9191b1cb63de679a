package com.skillmirror.pose.athlete;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.upload.AthletePoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the athlete among the people of a (stitched) series.
 *
 * <p>With the coach's point: the point is on the thumbnail, which the decode stage takes at half the video's
 * duration, so each person is placed by their landmark box at their frame nearest that time, if they are seen within
 * {@link #POINT_WINDOW_MS} of it; the person whose box (grown by a small margin) contains the point is the athlete,
 * the one whose box centre is nearest when boxes overlap. A point on nobody is an error naming the nearest people.
 *
 * <p>Without a point: the person who performs the skill's movement, not the largest one. Each person scores the
 * weighted sum over the skill's joints of the angle's range of motion (10th to 90th percentile, degrees) times the
 * share of the video's frames in which that angle was measured (presence): someone standing still has a small range,
 * someone passing for a moment a small presence.
 */
public final class AthleteSelector {

    static final long POINT_WINDOW_MS = 1000;
    /** The box grows by this fraction of the frame on each side: a click on the outline still counts. */
    static final double POINT_MARGIN = 0.02;
    /** Joints looked at when the video has no skill: the large joints of most movements. */
    static final Map<String, Double> DEFAULT_JOINTS = Map.of("left_knee_angle", 1.0, "right_knee_angle", 1.0,
            "left_hip_angle", 1.0, "right_hip_angle", 1.0, "left_elbow_angle", 0.5, "right_elbow_angle", 0.5);
    private static final int NEAREST_NAMED = 3;

    private AthleteSelector() {
    }

    /** The skill's joints and their weights (angle key to weight); empty for no skill. */
    public static Map<String, Double> jointWeights(com.skillmirror.skill.SkillDefinition skill) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (skill != null && skill.joints() != null) {
            skill.joints().forEach(j -> out.put(j.angle(), j.weight() == null ? 1.0 : j.weight()));
        }
        return out;
    }

    /** Who moved how much: the movement score and its parts, per person. */
    public record Movement(int personId, double score, double presence, Map<String, Double> rangeByJoint) {
    }

    /**
     * @param people       every person's kinematics in the series (any order)
     * @param jointWeights the skill's joints and weights (angle key to weight); empty = {@link #DEFAULT_JOINTS}
     * @param point        the coach's point, or null
     * @throws AthleteNotFoundException when the point is on nobody
     * @throws IllegalArgumentException when the series has nobody in it
     */
    public static AthleteChoice choose(PoseSeries series, List<KinematicSeries> people, Map<String, Double> jointWeights,
                                       AthletePoint point) {
        return choose(series, people, jointWeights, point, null);
    }

    /** @param thumbnailMs when the thumbnail the point is on was taken; null: the middle of the analysed frames */
    public static AthleteChoice choose(PoseSeries series, List<KinematicSeries> people, Map<String, Double> jointWeights,
                                       AthletePoint point, Long thumbnailMs) {
        List<Integer> ids = series.personIds();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("Nobody was found in any frame: there is no athlete to choose");
        }
        long atMs = thumbnailMs != null ? thumbnailMs : thumbnailTimeMs(series);
        int others = ids.size() - 1;
        if (point != null) {
            Sighting chosen = atPoint(series, point, atMs);
            String reason = "chosen by your point " + point + " on the thumbnail" + othersInView(others);
            return new AthleteChoice(chosen.id, AthleteChoice.Basis.POINT, reason, chosen.frame.index(),
                    chosen.frame.timeMs(), chosen.box(), others, point.text(), List.of());
        }
        if (ids.size() == 1) {
            Sighting s = nearest(series, ids.get(0), atMs);
            return new AthleteChoice(s.id, AthleteChoice.Basis.ONLY_PERSON, "the only person in view", s.frame.index(),
                    s.frame.timeMs(), s.box(), 0, null, List.of());
        }
        Map<String, Double> weights = jointWeights == null || jointWeights.isEmpty() ? DEFAULT_JOINTS : jointWeights;
        List<Movement> movements = people.stream().filter(k -> ids.contains(k.personId()))
                .map(k -> movement(k, series.frames().size(), weights))
                .sorted(Comparator.comparingDouble(Movement::score).reversed()).toList();
        Movement best = movements.isEmpty() ? null : movements.get(0);
        int id;
        String reason;
        if (best == null || best.score() <= 0) {
            id = ids.stream().max(Comparator.comparingInt(i -> framesSeen(series, i))).orElseThrow();
            reason = "in view longest (" + percent(framesSeen(series, id) / (double) series.frames().size())
                    + " of the frames); nobody's joint angles of this skill could be measured" + othersInView(others);
        } else {
            id = best.personId();
            reason = "moved most in the " + topJoints(best) + " (in view " + percent(best.presence())
                    + " of the frames)" + othersInView(others);
        }
        Sighting s = nearest(series, id, atMs);
        return new AthleteChoice(id, AthleteChoice.Basis.MOVEMENT, reason, s.frame.index(), s.frame.timeMs(), s.box(),
                others, null, List.of());
    }

    /** Each person's movement score, best first (for tests and diagnostics). */
    public static List<Movement> movements(PoseSeries series, List<KinematicSeries> people,
                                           Map<String, Double> jointWeights) {
        Map<String, Double> weights = jointWeights == null || jointWeights.isEmpty() ? DEFAULT_JOINTS : jointWeights;
        return people.stream().map(k -> movement(k, series.frames().size(), weights))
                .sorted(Comparator.comparingDouble(Movement::score).reversed()).toList();
    }

    static Movement movement(KinematicSeries k, int totalFrames, Map<String, Double> weights) {
        double sum = 0, weightSum = 0, presence = 0;
        Map<String, Double> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double w = e.getValue() == null ? 1 : e.getValue();
            if (w <= 0) {
                continue;
            }
            weightSum += w;
            if (!k.angleNames().contains(e.getKey())) {
                continue;
            }
            double[] values = Arrays.stream(k.angle(e.getKey())).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (values.length < 3) {
                continue;
            }
            double range = values[(int) Math.floor(0.9 * (values.length - 1))] - values[(int) Math.ceil(0.1 * (values.length - 1))];
            double coverage = values.length / (double) Math.max(1, totalFrames);
            presence = Math.max(presence, coverage);
            ranges.put(e.getKey(), range * w * coverage);
            sum += w * range * coverage;
        }
        return new Movement(k.personId(), weightSum == 0 ? 0 : sum / weightSum, presence, ranges);
    }

    /** "knee and hip angles": the two joints (left and right together) that contributed most. */
    private static String topJoints(Movement m) {
        Map<String, Double> byJoint = new LinkedHashMap<>();
        m.rangeByJoint().forEach((angle, v) -> byJoint.merge(jointName(angle), v, Double::sum));
        List<String> top = byJoint.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(2).map(Map.Entry::getKey).toList();
        return String.join(" and ", top) + (top.size() == 1 ? " angle" : " angles");
    }

    static String jointName(String angleKey) {
        return angleKey.replaceFirst("^(left|right)_", "").replaceFirst("_angle$", "").replace('_', ' ');
    }

    /**
     * Where a video decoded before the thumbnail's time was recorded has its thumbnail: the decode stage takes the
     * frame at half the stated duration, about the middle of the analysed frames.
     */
    public static long thumbnailTimeMs(PoseSeries series) {
        List<PoseFrame> f = series.frames();
        return f.isEmpty() ? 0 : (f.get(0).timeMs() + f.get(f.size() - 1).timeMs()) / 2;
    }

    /** One person in one frame. */
    private record Sighting(int id, PoseFrame frame, PersonPose pose) {
        double[] box() {
            float[] b = pose.landmarkBounds();
            return new double[] {round(clip(b[0])), round(clip(b[1])), round(clip(b[2])), round(clip(b[3]))};
        }

        double cx() {
            double[] b = box();
            return (b[0] + b[2]) / 2;
        }

        double cy() {
            double[] b = box();
            return (b[1] + b[3]) / 2;
        }
    }

    private static Sighting atPoint(PoseSeries series, AthletePoint point, long thumbnailMs) {
        List<Sighting> near = new ArrayList<>();
        for (int id : series.personIds()) {
            Sighting s = nearest(series, id, thumbnailMs);
            if (Math.abs(s.frame.timeMs() - thumbnailMs) <= POINT_WINDOW_MS) {
                near.add(s);
            }
        }
        Comparator<Sighting> byDistance = Comparator.comparingDouble(s -> distance(series, s, point));
        List<Sighting> hits = near.stream().filter(s -> contains(s.box(), point)).sorted(byDistance).toList();
        if (!hits.isEmpty()) {
            return hits.get(0);
        }
        String at = String.format(Locale.ROOT, "%.1f s", thumbnailMs / 1000.0);
        if (near.isEmpty()) {
            List<Sighting> anywhere = series.personIds().stream().map(id -> nearest(series, id, thumbnailMs))
                    .sorted(byDistance).limit(NEAREST_NAMED).toList();
            throw new AthleteNotFoundException("Nobody is in view on the thumbnail (at " + at + "), so the point "
                    + point + " is on nobody; people seen at other times: " + describe(anywhere) + ". Remove the point"
                    + " to let SkillMirror choose the person who performs the movement.");
        }
        List<Sighting> nearest = near.stream().sorted(byDistance).limit(NEAREST_NAMED).toList();
        throw new AthleteNotFoundException("Nobody at " + point + " on the thumbnail (at " + at + "); nearest: "
                + describe(nearest) + ". Click on the athlete's body in the thumbnail, or remove the point to let"
                + " SkillMirror choose the person who performs the movement.");
    }

    private static String describe(List<Sighting> sightings) {
        List<String> parts = new ArrayList<>();
        for (Sighting s : sightings) {
            parts.add(String.format(Locale.ROOT, "person %d at (%.2f, %.2f)", s.id, s.cx(), s.cy()));
        }
        return String.join(", ", parts);
    }

    private static boolean contains(double[] box, AthletePoint p) {
        return p.x() >= box[0] - POINT_MARGIN && p.x() <= box[2] + POINT_MARGIN
                && p.y() >= box[1] - POINT_MARGIN && p.y() <= box[3] + POINT_MARGIN;
    }

    /** Distance in pixels from the point to the box centre (x and y in the same unit, whatever the aspect). */
    private static double distance(PoseSeries series, Sighting s, AthletePoint p) {
        return Math.hypot((s.cx() - p.x()) * series.width(), (s.cy() - p.y()) * series.height());
    }

    private static Sighting nearest(PoseSeries series, int id, long timeMs) {
        Sighting best = null;
        long bestDt = Long.MAX_VALUE;
        for (PoseFrame f : series.frames()) {
            PersonPose p = f.person(id);
            if (p != null && Math.abs(f.timeMs() - timeMs) < bestDt) {
                bestDt = Math.abs(f.timeMs() - timeMs);
                best = new Sighting(id, f, p);
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("Person " + id + " is in no frame");
        }
        return best;
    }

    static int framesSeen(PoseSeries series, int id) {
        return (int) series.frames().stream().filter(f -> f.person(id) != null).count();
    }

    private static String othersInView(int others) {
        return others == 0 ? "" : "; " + others + (others == 1 ? " other person" : " others") + " in view";
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
