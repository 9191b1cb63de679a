package com.skillmirror.compare;

import com.skillmirror.compare.Comparison.MetricResult;
import com.skillmirror.compare.RepetitionSet.KeyFrame;
import com.skillmirror.compare.RepetitionSet.MetricSeries;
import com.skillmirror.compare.RepetitionSet.Rep;
import com.skillmirror.compare.RepetitionSet.SplitInfo;
import com.skillmirror.compare.RepetitionSet.Spread;
import com.skillmirror.compare.RepetitionSet.Trend;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Event;
import com.skillmirror.skill.SkillDefinition.Metric;
import com.skillmirror.skill.SkillDefinition.MetricKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of repetitions compared one by one: the take is split at the skill's first event
 * ({@link RepetitionSplitter}), each repetition is compared with the pattern on its own (the pattern is one
 * repetition), and the set gets its count, best and worst (with the frame of the main event), consistency (SD and
 * coefficient of variation of the scores, durations and metrics) and trend (least-squares slope over the repetition
 * number: a falling score late in a set is fatigue). Stateless; one per skill.
 */
public final class Repetitions {

    /** A score change over the set under this many points is reported as steady (as "since last time" does). */
    static final double STEADY_POINTS = 3;

    /** Metrics that mean something on one repetition (rates need several cycles, speech is the whole clip's). */
    private static final Set<MetricKind> PER_REP_KINDS = EnumSet.of(MetricKind.MIN, MetricKind.MAX,
            MetricKind.RANGE, MetricKind.MEAN, MetricKind.MEAN_ABS, MetricKind.MEAN_SPEED, MetricKind.SYMMETRY,
            MetricKind.DEVIATION, MetricKind.TEMPO);

    private final SkillDefinition skill;
    private final SkillComparator comparator;

    public Repetitions(SkillDefinition skill, SkillComparator comparator) {
        this.skill = skill;
        this.comparator = comparator;
    }

    /** The whole take's comparison with its repetitions added (and the median score), or as it was with fewer than 2. */
    public Comparison addTo(Comparison whole, KinematicSeries take, ExpertPattern pattern,
            Map<String, Double> speechMetrics) {
        return addTo(whole, take, pattern, speechMetrics, null);
    }

    /**
     * @param views the camera's view of the take (null: none known): the set is cut on the take as filmed, and each
     *              repetition scored on what the view lets be seen, as the whole take was
     */
    public Comparison addTo(Comparison whole, KinematicSeries take, ExpertPattern pattern,
            Map<String, Double> speechMetrics, CaptureViews views) {
        FeatureSeries asFilmed = FeatureSeries.of(take);
        FeatureSeries seen = views == null ? asFilmed : views.trusted(asFilmed, skill);
        List<Alignment> aligned = new ArrayList<>();
        RepetitionSet set = analyse(asFilmed, seen, take.frameIndex(), take.timeMs(), pattern, speechMetrics,
                whole.score(), aligned);
        // the score is the repetitions': so is the alignment the player shows (each repetition in step with the pattern)
        return set == null ? whole : whole.withRepetitions(set).withAlignment(Alignment.joined(aligned));
    }

    public Comparison addTo(Comparison whole, FeatureSeries take, ExpertPattern pattern) {
        List<Alignment> aligned = new ArrayList<>();
        RepetitionSet set = analyse(take, take, null, null, pattern, Map.of(), whole.score(), aligned);
        return set == null ? whole : whole.withRepetitions(set).withAlignment(Alignment.joined(aligned));
    }

    /**
     * @param frameIndex per row of the take, its frame in the pose series; null = the row
     * @param timeMs     per row, its time; null = row / fps
     * @return null when the take holds fewer than two repetitions
     */
    RepetitionSet analyse(FeatureSeries take, FeatureSeries seen, int[] frameIndex, long[] timeMs,
            ExpertPattern pattern, Map<String, Double> speechMetrics, double wholeTakeScore) {
        return analyse(take, seen, frameIndex, timeMs, pattern, speechMetrics, wholeTakeScore, new ArrayList<>());
    }

    /** @param aligned receives each compared repetition's alignment, in the take's rows */
    private RepetitionSet analyse(FeatureSeries take, FeatureSeries seen, int[] frameIndex, long[] timeMs,
            ExpertPattern pattern, Map<String, Double> speechMetrics, double wholeTakeScore, List<Alignment> aligned) {
        RepetitionSplitter.Split split = RepetitionSplitter.split(take, skill, pattern);
        if (split.reps().size() < 2) {
            return null;
        }
        List<Rep> reps = new ArrayList<>();
        int number = 0;
        for (RepetitionSplitter.Rep r : split.reps()) {
            number++;
            FeatureSeries part = new FeatureSeries(take.names(), take.fps(),
                    Arrays.copyOfRange(take.values(), r.from(), r.to() + 1));
            int key = keyRow(part, r);
            long from = time(timeMs, r.from(), take.fps());
            long to = time(timeMs, r.to(), take.fps());
            KeyFrame keyFrame = new KeyFrame(mainEvent().id(), frame(frameIndex, key), time(timeMs, key, take.fps()));
            double durationMs = to - from;
            try {
                Comparison c = comparator.compare(seen == take ? part : new FeatureSeries(seen.names(), seen.fps(),
                        Arrays.copyOfRange(seen.values(), r.from(), r.to() + 1)), pattern, speechMetrics);
                reps.add(new Rep(number, frame(frameIndex, r.from()), frame(frameIndex, r.to()), from, to,
                        Signals.round(durationMs, 0), c.score(), c.mirrored(), keyFrame, perRepMetrics(c), null));
                if (c.alignment() != null) {
                    aligned.add(c.alignment().shifted(r.from(), take.fps()));
                }
            } catch (IllegalArgumentException tooLittleVisible) {
                reps.add(new Rep(number, frame(frameIndex, r.from()), frame(frameIndex, r.to()), from, to,
                        Signals.round(durationMs, 0), null, null, keyFrame, Map.of(), tooLittleVisible.getMessage()));
            }
        }
        List<Rep> scored = reps.stream().filter(r -> r.score() != null).toList();
        if (scored.size() < 2) {
            return null; // the split found repetitions, but fewer than two could be compared: the take as one
        }
        double[] scores = scored.stream().mapToDouble(Rep::score).toArray();
        double[] numbers = scored.stream().mapToDouble(Rep::number).toArray();
        Rep best = scored.get(0);
        Rep worst = scored.get(0);
        for (Rep r : scored) {
            best = r.score() > best.score() ? r : best;
            worst = r.score() < worst.score() ? r : worst;
        }
        double slope = slope(numbers, scores);
        double change = slope * (numbers[numbers.length - 1] - numbers[0]);
        Trend trend = new Trend(Signals.rounded(slope, 2), Signals.rounded(change, 1),
                trendWords(change, scored.size(), durations(scored)));
        SplitInfo info = new SplitInfo(split.event().id(), split.event().rule().name(),
                Signals.rounded(split.minProminence(), 1), velocity(split.event()) ? "deg/s" : "deg",
                Signals.rounded(split.minSpacingMs(), 0), split.leftOut());
        return new RepetitionSet(reps.size(), Signals.round(median(scores), 1), RepetitionSet.OVERALL_RULE,
                Signals.rounded(wholeTakeScore, 1), reps, best.number(), worst.number(), spread(scores, 1),
                spread(durations(scored), 0), metricSeries(scored), trend, info);
    }

    /**
     * The event whose frame a repetition is shown by: the first event (the bottom of a squat, the top of a
     * backswing); for a cyclic skill, whose first event is where a cycle starts, the next one (arms up) if any.
     */
    private Event mainEvent() {
        List<Event> events = skill.events();
        return skill.cyclic() && events.size() > 1 ? events.get(1) : events.get(0);
    }

    /** The row of the take where this repetition's main event is. */
    private int keyRow(FeatureSeries part, RepetitionSplitter.Rep r) {
        if (!skill.cyclic() || skill.events().size() < 2) {
            return r.event();
        }
        double[][] rows = new double[part.length()][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = part.values()[t].clone();
        }
        Gaps.fillAll(rows);
        FeatureSeries filled = new FeatureSeries(part.names(), part.fps(), rows);
        Integer at = EventFinder.find(skill, name -> filled.has(name) ? filled.column(name) : null, rows.length)
                .get(mainEvent().id());
        return at == null ? r.event() : r.from() + at;
    }

    private Map<String, Double> perRepMetrics(Comparison c) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (MetricResult m : c.metrics()) {
            if (m.value() != null && perRep(m.id())) {
                out.put(m.id(), m.value());
            }
        }
        return out;
    }

    private boolean perRep(String metricId) {
        return skill.metrics().stream().anyMatch(m -> m.id().equals(metricId) && PER_REP_KINDS.contains(m.kind()));
    }

    private List<MetricSeries> metricSeries(List<Rep> scored) {
        List<MetricSeries> out = new ArrayList<>();
        for (Metric m : skill.metrics()) {
            List<double[]> points = new ArrayList<>();
            for (Rep r : scored) {
                Double v = r.metrics().get(m.id());
                if (v != null) {
                    points.add(new double[] {r.number(), v});
                }
            }
            if (points.size() < 2) {
                continue;
            }
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            double slope = slope(x, y);
            out.add(new MetricSeries(m.id(), m.name(), m.unit(), spread(y, 2), Signals.rounded(slope, 3),
                    Signals.rounded(slope * (x[x.length - 1] - x[0]), 2)));
        }
        return out;
    }

    private static double[] durations(List<Rep> reps) {
        return reps.stream().mapToDouble(Rep::durationMs).toArray();
    }

    static String trendWords(double change, int reps, double[] durationsMs) {
        double rounded = Math.round(Math.abs(change));
        String score;
        if (Math.abs(change) < STEADY_POINTS) {
            score = "Scores held steady over the " + reps + " repetitions (within " + (int) STEADY_POINTS
                    + " points from the first to the last).";
        } else if (change < 0) {
            score = "Scores fell " + (long) rounded + " points from the first to the last repetition: form faded"
                    + " over the set (fatigue?).";
        } else {
            score = "Scores rose " + (long) rounded + " points from the first to the last repetition: the set got"
                    + " better as it went.";
        }
        double[] n = new double[durationsMs.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = i + 1;
        }
        double durationChange = slope(n, durationsMs) * (n.length - 1);
        double meanMs = Signals.mean(durationsMs);
        if (meanMs > 0 && Math.abs(durationChange) >= 0.15 * meanMs) {
            score += " Repetitions got " + (durationChange > 0 ? "slower" : "faster") + ": about "
                    + Signals.round((meanMs - durationChange / 2) / 1000, 1) + " s at the start, "
                    + Signals.round((meanMs + durationChange / 2) / 1000, 1) + " s at the end.";
        }
        return score;
    }

    static Spread spread(double[] v, int decimals) {
        double mean = Signals.mean(v);
        double sq = 0;
        for (double x : v) {
            sq += (x - mean) * (x - mean);
        }
        double sd = v.length > 1 ? Math.sqrt(sq / (v.length - 1)) : 0;
        double cv = Math.abs(mean) > 1e-6 ? sd / Math.abs(mean) * 100 : Double.NaN;
        return new Spread(Signals.rounded(mean, decimals), Signals.rounded(sd, decimals + 1), Signals.rounded(cv, 1),
                Signals.rounded(Signals.min(v), decimals), Signals.rounded(Signals.max(v), decimals));
    }

    /** Least-squares slope of y over x. */
    static double slope(double[] x, double[] y) {
        double mx = Signals.mean(x);
        double my = Signals.mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx > 0 ? sxy / sxx : 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
    }

    private static boolean velocity(Event e) {
        return e.rule() == SkillDefinition.EventRule.MAX_VELOCITY || e.rule() == SkillDefinition.EventRule.MIN_VELOCITY;
    }

    private static int frame(int[] frameIndex, int row) {
        return frameIndex == null ? row : frameIndex[row];
    }

    private static long time(long[] timeMs, int row, double fps) {
        return timeMs == null ? Math.round(row * 1000.0 / fps) : timeMs[row];
    }
}
