package com.skillmirror.skill;

import com.skillmirror.kinematics.CameraView;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import com.skillmirror.landmarks.PoseModel;
import java.util.List;
import java.util.Map;

/**
 * One skill as data: what a {@code skills/<id>.yaml} file holds. A new skill is a new file; nothing here is
 * specific to one skill. {@link SkillCatalog} loads and validates these; the compare stage reads them.
 *
 * @param id            kebab-case, unique, equal to the file name without extension
 * @param version       bumped whenever targets, rules or weights change (patterns and results record it)
 * @param poseModel     the BlazePose model the skill needs (fast movements need full/heavy)
 * @param speechMatters the speech stage's metrics take part in the findings
 * @param cyclic        a repeating movement (running, jumping jacks): rate metrics count cycles
 * @param joints        the angles (kinematics keys, e.g. {@code left_knee_angle}) compared against the pattern,
 *                      with their weights in the score
 * @param events        key moments found in the angle series ("lowest point", "ball release")
 * @param phases        spans between events (or {@code start}/{@code end})
 * @param metrics       numbers computed per take, with target ranges
 * @param findings      conditions over metrics that produce feedback, each with a drill
 * @param drills        the drills findings point to; {@code level} orders the learning path (1 = foundation)
 * @param reference     optional key positions from a published norm, for a pattern labelled as such
 */
public record SkillDefinition(String id, String name, Integer version, String description, PoseModel poseModel,
        Boolean speechMatters, Boolean cyclic, List<Joint> joints, List<Event> events, List<Phase> phases,
        List<Metric> metrics, List<FindingRule> findings, List<Drill> drills, ReferenceCurve reference) {

    public SkillDefinition {
        joints = joints == null ? List.of() : List.copyOf(joints);
        events = events == null ? List.of() : List.copyOf(events);
        phases = phases == null ? List.of() : List.copyOf(phases);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        findings = findings == null ? List.of() : List.copyOf(findings);
        drills = drills == null ? List.of() : List.copyOf(drills);
        speechMatters = speechMatters != null && speechMatters;
        cyclic = cyclic != null && cyclic;
    }

    /** The angle names compared against a pattern, in file order. */
    public List<String> jointNames() {
        return joints.stream().map(Joint::angle).toList();
    }

    /**
     * The views metric {@code m} can be measured from: its own ({@link Metric#allowedViews}) that every compared
     * joint among its signals allows too; null when it needs no view. Empty only in a skill the validator refuses.
     */
    public Set<CameraView> metricViews(Metric m) {
        Set<CameraView> own = m.allowedViews();
        if (own == null) {
            return null;
        }
        Set<CameraView> out = EnumSet.noneOf(CameraView.class);
        out.addAll(own);
        for (Joint j : joints) {
            if (m.signal().contains(j.angle())) {
                out.retainAll(j.allowedViews());
            }
        }
        return Collections.unmodifiableSet(out);
    }

    public Metric metric(String metricId) {
        return metrics.stream().filter(m -> m.id().equals(metricId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Skill " + id + " has no metric " + metricId));
    }

    public Drill drill(String drillId) {
        return drills.stream().filter(d -> d.id().equals(drillId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Skill " + id + " has no drill " + drillId));
    }

    /**
     * One compared angle and its weight in the score (relative; weights need not sum to 1).
     *
     * @param views the camera views the angle is measured from ({@code front}, {@code back}, {@code side},
     *              {@code side-left}, {@code side-right}, {@code oblique}); absent = any view. Whatever is declared,
     *              a left or right angle is never taken from a side view that puts its side behind the body.
     */
    public record Joint(String angle, Double weight, List<String> views) {
        public Joint {
            views = views == null ? null : List.copyOf(views);
        }

        public Joint(String angle, Double weight) {
            this(angle, weight, null);
        }

        /** The views the angle is measured from (every view when none are declared). */
        public Set<CameraView> allowedViews() {
            return SkillDefinition.views(views, EnumSet.allOf(CameraView.class));
        }
    }

    /** The views of a {@code views:} list; {@code fallback} when there is none. */
    static Set<CameraView> views(List<String> keys, Set<CameraView> fallback) {
        if (keys == null) {
            return Collections.unmodifiableSet(fallback);
        }
        Set<CameraView> out = EnumSet.noneOf(CameraView.class);
        keys.forEach(k -> out.addAll(CameraView.parse(k)));
        return Collections.unmodifiableSet(out);
    }

    /** How an event is found: the extremum of the signal (the mean of its angles) or of its rate of change. */
    public enum EventRule {
        /** Lowest value, e.g. the deepest knee angle = lowest hip point of a squat. */
        MIN,
        /** Highest value. */
        MAX,
        /** Fastest increase, e.g. ball release = fastest elbow extension. */
        MAX_VELOCITY,
        /** Fastest decrease. */
        MIN_VELOCITY
    }

    /**
     * A key moment.
     *
     * @param signal angle names whose mean is searched (one name is fine)
     * @param after  optional event id: search only after it (events must then be listed after their anchor)
     */
    public record Event(String id, EventRule rule, List<String> signal, String after) {
    }

    /** A span between two events; {@code start} and {@code end} name the take's ends. */
    public record Phase(String id, String from, String to) {
    }

    public enum MetricKind {
        /** Minimum of the signal (optionally within a phase), degrees. */
        MIN,
        /** Maximum of the signal. */
        MAX,
        /** Max - min of the signal. */
        RANGE,
        /** Mean of the signal. */
        MEAN,
        /** Mean absolute value of the signal (e.g. lean either way). */
        MEAN_ABS,
        /** Mean absolute rate of change, degrees per second (how much a body part moves, e.g. gestures). */
        MEAN_SPEED,
        /** Cycles per minute: the clear minima of each listed signal, summed (e.g. both knees = steps). */
        CYCLE_RATE,
        /** Range-of-motion symmetry index of two signals (left, right), percent (Robinson et al. 1987). */
        SYMMETRY,
        /** RMS deviation from the pattern after time alignment, degrees. */
        DEVIATION,
        /** Take duration / pattern duration. */
        TEMPO,
        /** A speech-stage number supplied by the caller, by {@code field} (see {@link SkillCatalog#SPEECH_FIELDS}). */
        SPEECH
    }

    /**
     * @param signal angle names (their mean is used, except for CYCLE_RATE and SYMMETRY)
     * @param phase  optional phase id to restrict MIN/MAX/RANGE/MEAN to
     * @param field  for SPEECH: the speech metric's name
     * @param target the range that counts as good; either end may be open
     * @param source where the target comes from; absent = a coaching default, not a published norm
     * @param views  the camera views the metric can be measured from (see {@link Joint#views}); absent = the
     *               kind's default: SYMMETRY needs both sides square on (front, back), SPEECH, TEMPO and DEVIATION
     *               need no view, every other kind any view
     */
    public record Metric(String id, String name, MetricKind kind, List<String> signal, String phase, String field,
            String unit, Target target, Source source, List<String> views) {
        public Metric {
            signal = signal == null ? List.of() : List.copyOf(signal);
            views = views == null ? null : List.copyOf(views);
        }

        public Metric(String id, String name, MetricKind kind, List<String> signal, String phase, String field,
                String unit, Target target, Source source) {
            this(id, name, kind, signal, phase, field, unit, target, source, null);
        }

        /**
         * The views the metric is measured from; null when it needs none (it does not read the take's angles
         * frame by frame: speech, tempo, the deviation from the pattern, which the joints' own views govern).
         */
        public Set<CameraView> allowedViews() {
            if (kind == MetricKind.SPEECH || kind == MetricKind.TEMPO || kind == MetricKind.DEVIATION) {
                return null;
            }
            // a left/right comparison needs both sides in plain view: from the side the far limb is hidden
            return SkillDefinition.views(views, kind == MetricKind.SYMMETRY
                    ? EnumSet.of(CameraView.FRONT, CameraView.BACK) : EnumSet.allOf(CameraView.class));
        }
    }

    public record Target(Double min, Double max) {
        public boolean contains(double value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }
    }

    /** A published source: citation (author, title, year/edition) and what exactly it says, in our words. */
    public record Source(String citation, String note) {
    }

    public enum Severity {
        INFO(0.5), LOW(1), MEDIUM(2), HIGH(3);

        private final double weight;

        Severity(double weight) {
            this.weight = weight;
        }

        /** Weight in the impact ranking of findings. */
        public double weight() {
            return weight;
        }
    }

    /** Fires when the metric is below {@code below} or above {@code above} (at least one is set). */
    public record FindingRule(String id, String metric, Double below, Double above, String message,
            Severity severity, String drill) {
    }

    public record Drill(String id, String name, String description, Integer level) {
    }

    /**
     * Key positions of a movement as a published norm describes it. A pattern built from these is labelled
     * PUBLISHED_NORM: it is no person's movement, only a smooth curve through the cited positions.
     *
     * @param tolerance  the spread given to the curve, degrees
     * @param durationMs a typical duration of one repetition
     */
    public record ReferenceCurve(Source source, Double tolerance, Double durationMs, List<Keyframe> keyframes) {
        public ReferenceCurve {
            keyframes = keyframes == null ? List.of() : List.copyOf(keyframes);
        }
    }

    /** Angle values (degrees) at normalised time t in [0, 1]. */
    public record Keyframe(Double t, Map<String, Double> angles) {
        public Keyframe {
            angles = angles == null ? Map.of() : Map.copyOf(angles);
        }
    }
}
