package com.skillmirror.compare;

import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Event;
import com.skillmirror.skill.SkillDefinition.EventRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a set (several squats, push-ups, jumping jacks, strides, swings in one take) into repetitions, from the
 * skill's first event: the pattern is one repetition, so every repetition has that event once.
 *
 * <p>How: the event's signal (the mean of its angles, gaps bridged, lightly smoothed; its rate of change for a
 * velocity rule) is turned so the event is a minimum. Each clear minimum is a repetition's event when
 * <ul>
 * <li>its prominence (how far the signal rises on both sides before it gets lower again) is at least
 * {@value #MIN_PROMINENCE_SHARE} of the pattern's own range of that signal, and at least {@value #MIN_PROMINENCE_DEG}
 * degrees: sway, tremor and landmark jitter do not make repetitions, while a repetition a third as deep as the
 * expert's still counts;</li>
 * <li>it is at least {@value #MIN_SPACING_SHARE} of the pattern's duration from a more prominent one: a bounce at
 * the bottom of a squat is one repetition.</li>
 * </ul>
 * A repetition of a <b>whole-take</b> skill (squat, push-up, lunge, swing) is its movement, from where the body
 * leaves its rest level before the event (within {@value #REST_BAND} of the depth) to where it is back after it,
 * plus as much rest each side as the pattern's repetition has (scaled by the repetition's tempo): a long pause
 * between repetitions is not part of either, and the repetition looks like the pattern's. A repetition at either end
 * whose two sides differ by more than {@value #PARTIAL_SIDE_RATIO}× in depth (the clip starts in the descent or ends
 * before standing up) is partial and left out, as is a dip at either end too shallow to be an event. A <b>cyclic</b>
 * skill's
 * repetitions are the cycles between consecutive events (as its pattern is cut); a piece before the first or after
 * the last event is kept only when it is a whole cycle: as long as the others (-15 % to +20 %) and moving as much as
 * an event does.
 */
final class RepetitionSplitter {

    static final double MIN_PROMINENCE_SHARE = 0.25;
    static final double MIN_PROMINENCE_DEG = 8;
    static final double MIN_SPACING_SHARE = 0.3;
    static final double REST_BAND = 0.15;
    static final double PARTIAL_SIDE_RATIO = 1.8;

    /**
     * One repetition: rows of the take, inclusive.
     *
     * @param event the row of the repetition's event (for a cyclic skill: its first row)
     */
    record Rep(int from, int to, int event) {
    }

    /**
     * @param event          the skill's event the split is made at; null when the skill has none
     * @param minProminence  the prominence an event needed, in the signal's unit (deg, or deg/s for a velocity rule)
     * @param minSpacingMs   the least time between two repetitions' events
     * @param leftOut        what was not put in any repetition, and why; null when nothing
     */
    record Split(Event event, List<Rep> reps, double minProminence, double minSpacingMs, String leftOut) {
    }

    private RepetitionSplitter() {
    }

    static Split split(FeatureSeries take, SkillDefinition skill, ExpertPattern pattern) {
        if (skill.events().isEmpty()) {
            return new Split(null, List.of(), Double.NaN, Double.NaN, null);
        }
        Event event = skill.events().get(0);
        double[] x = signal(take, event, take.fps());
        if (x == null) {
            return new Split(event, List.of(), Double.NaN, Double.NaN, "the angles of the event '" + event.id()
                    + "' (" + String.join(", ", event.signal()) + ") are not visible in the take");
        }
        double patternMs = pattern.durationMs() > 0 ? pattern.durationMs() : take.durationMs();
        // light smoothing (under 2 % of a repetition each side): jitter, not a brief event, is averaged out
        x = smoothed(x, (int) Math.floor(0.02 * patternMs * take.fps() / 1000));
        double minProminence = minProminence(x, event, pattern);
        int spacing = Math.max(2, (int) Math.ceil(MIN_SPACING_SHARE * patternMs * take.fps() / 1000));
        List<Integer> events = events(x, minProminence, spacing);
        List<Rep> reps;
        List<String> leftOut = new ArrayList<>();
        if (skill.cyclic()) {
            reps = cycles(x, events, minProminence, patternMs * take.fps() / 1000, leftOut);
        } else {
            reps = wholeTakes(x, events, PatternRest.of(event, pattern), take.fps(), leftOut);
            notePartialEnds(x, reps, minProminence, leftOut);
        }
        return new Split(event, reps, minProminence, spacing * 1000.0 / take.fps(),
                leftOut.isEmpty() ? null : String.join("; ", leftOut));
    }

    /** The event's signal turned so the event is a minimum, gaps bridged; null when none of its angles is there. */
    private static double[] signal(FeatureSeries s, Event event, double fps) {
        List<double[]> cols = new ArrayList<>();
        for (String name : event.signal()) {
            if (s.has(name)) {
                cols.add(s.column(name));
            }
        }
        if (cols.isEmpty() || s.length() < 3) {
            return null;
        }
        double[] mean = Signals.meanOf(cols);
        double[][] rows = new double[mean.length][1];
        for (int t = 0; t < mean.length; t++) {
            rows[t][0] = mean[t];
        }
        // for finding events only: a bridged gap cannot hide a repetition's extremum
        Gaps.fillAll(rows);
        double[] x = new double[mean.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = rows[t][0];
        }
        if (Double.isNaN(x[0])) {
            return null; // never visible
        }
        return eventDown(x, event.rule(), fps);
    }

    /** MIN stays, MAX is negated, a velocity rule becomes the rate of change per second, turned the same way. */
    private static double[] eventDown(double[] x, EventRule rule, double fps) {
        double[] out = switch (rule) {
            case MIN, MAX -> x.clone();
            case MAX_VELOCITY, MIN_VELOCITY -> Signals.slope(x);
        };
        if (rule == EventRule.MAX_VELOCITY || rule == EventRule.MIN_VELOCITY) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= fps;
            }
        }
        if (rule == EventRule.MAX || rule == EventRule.MAX_VELOCITY) {
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        }
        return out;
    }

    /** Centred moving average over 2h+1 samples (shorter at the ends). */
    private static double[] smoothed(double[] x, int h) {
        if (h <= 0) {
            return x;
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            int c = 0;
            for (int j = Math.max(0, i - h); j <= Math.min(x.length - 1, i + h); j++) {
                s += x[j];
                c++;
            }
            out[i] = s / c;
        }
        return out;
    }

    /**
     * A share of the pattern's own range of the signal: the take's repetitions are judged against what one
     * repetition of the skill looks like, not against the take (a set of shallow reps still splits). Without the
     * signal in the pattern, half of the take's own range.
     */
    private static double minProminence(double[] take, Event event, ExpertPattern pattern) {
        List<double[]> curves = new ArrayList<>();
        for (String name : event.signal()) {
            if (pattern.features().contains(name)) {
                curves.add(pattern.curve(name).mean());
            }
        }
        boolean velocity = event.rule() == EventRule.MAX_VELOCITY || event.rule() == EventRule.MIN_VELOCITY;
        double floor = velocity ? 0 : MIN_PROMINENCE_DEG;
        if (curves.isEmpty()) {
            return Math.max(floor, 0.5 * (Signals.max(take) - Signals.min(take)));
        }
        double[] p = Signals.meanOf(curves);
        double patternFps = pattern.durationMs() > 0 ? (p.length - 1) / (pattern.durationMs() / 1000) : 1;
        double[] down = eventDown(p, event.rule(), patternFps);
        return Math.max(floor, MIN_PROMINENCE_SHARE * (Signals.max(down) - Signals.min(down)));
    }

    /** Clear minima, most prominent first kept, none closer than {@code spacing} to a kept one; in time order. */
    static List<Integer> events(double[] x, double minProminence, int spacing) {
        List<int[]> candidates = new ArrayList<>(); // {index, position of its prominence}
        List<Double> prominences = new ArrayList<>();
        for (int i = 1; i < x.length - 1; i++) {
            double prominence = Signals.minimumProminence(x, i);
            if (prominence >= minProminence) {
                candidates.add(new int[] {i, prominences.size()});
                prominences.add(prominence);
            }
        }
        candidates.sort(Comparator.comparingDouble((int[] c) -> -prominences.get(c[1])));
        List<Integer> kept = new ArrayList<>();
        for (int[] c : candidates) {
            if (kept.stream().allMatch(k -> Math.abs(k - c[0]) >= spacing)) {
                kept.add(c[0]);
            }
        }
        kept.sort(Integer::compare);
        return kept;
    }

    /**
     * How much rest the pattern's repetition has before and after its movement (ms), and how long the movement is.
     * Zero rest when the pattern lacks the event's angles.
     */
    record PatternRest(double beforeMs, double movementMs, double afterMs) {
        static PatternRest of(Event event, ExpertPattern pattern) {
            List<double[]> curves = new ArrayList<>();
            for (String name : event.signal()) {
                if (pattern.features().contains(name)) {
                    curves.add(pattern.curve(name).mean());
                }
            }
            if (curves.isEmpty() || !(pattern.durationMs() > 0)) {
                return new PatternRest(0, pattern.durationMs(), 0);
            }
            double[] p = Signals.meanOf(curves);
            double msPerSample = pattern.durationMs() / (p.length - 1);
            double[] x = eventDown(p, event.rule(), 1000 / msPerSample);
            int e = Signals.argMin(x, 0, x.length);
            int[] span = movement(x, e, 0, x.length - 1);
            return new PatternRest(span[0] * msPerSample, (span[1] - span[0]) * msPerSample,
                    (x.length - 1 - span[1]) * msPerSample);
        }
    }

    /** {leaves, back}: where the signal leaves its rest level before the event and is back at it after. */
    private static int[] movement(double[] x, int e, int leftLimit, int rightLimit) {
        double restLeft = max(x, leftLimit, e);
        double restRight = max(x, e, rightLimit);
        int leaves = e;
        while (leaves > leftLimit && x[leaves] < restLeft - REST_BAND * (restLeft - x[e])) {
            leaves--;
        }
        int back = e;
        while (back < rightLimit && x[back] < restRight - REST_BAND * (restRight - x[e])) {
            back++;
        }
        return new int[] {leaves, back};
    }

    private static List<Rep> wholeTakes(double[] x, List<Integer> events, PatternRest rest, double fps,
            List<String> leftOut) {
        int n = x.length;
        List<int[]> spans = new ArrayList<>(); // {from, to, event, leaves, back}
        for (int k = 0; k < events.size(); k++) {
            int e = events.get(k);
            int leftLimit = k == 0 ? 0 : events.get(k - 1);
            int rightLimit = k == events.size() - 1 ? n - 1 : events.get(k + 1);
            double depthLeft = max(x, leftLimit, e) - x[e];
            double depthRight = max(x, e, rightLimit) - x[e];
            boolean partial = depthLeft > PARTIAL_SIDE_RATIO * depthRight || depthRight > PARTIAL_SIDE_RATIO * depthLeft;
            if (partial && k == 0) {
                leftOut.add("a partial repetition at the start (the take starts part-way through it)");
                continue;
            }
            if (partial && k == events.size() - 1) {
                leftOut.add("a partial repetition at the end (the take ends part-way through it)");
                continue;
            }
            int[] m = movement(x, e, leftLimit, rightLimit);
            // the pattern's rest, at this repetition's tempo (within 0.5-2x: a stalled or twitchy rep stays sane)
            double tempo = rest.movementMs() > 0
                    ? Math.max(0.5, Math.min(2, (m[1] - m[0]) * 1000 / fps / rest.movementMs())) : 1;
            int before = (int) Math.round(rest.beforeMs() * tempo * fps / 1000);
            int after = (int) Math.round(rest.afterMs() * tempo * fps / 1000);
            spans.add(new int[] {Math.max(leftLimit, m[0] - before), Math.min(rightLimit, m[1] + after), e, m[0], m[1]});
        }
        // neighbours wanting the same rest frames share them in proportion to what each wanted
        for (int k = 0; k + 1 < spans.size(); k++) {
            int[] a = spans.get(k);
            int[] b = spans.get(k + 1);
            if (a[1] > b[0]) {
                double wantA = a[1] - a[4];
                double wantB = b[3] - b[0];
                int cut = a[4] + (int) Math.round((b[3] - a[4]) * wantA / Math.max(1e-9, wantA + wantB));
                a[1] = cut;
                b[0] = cut;
            }
        }
        List<Rep> reps = new ArrayList<>();
        for (int[] sp : spans) {
            reps.add(new Rep(sp[0], sp[1], sp[2]));
        }
        return reps;
    }

    /**
     * A movement too shallow on one side to be an event (the clip starts in the descent, or ends at the bottom) is a
     * partial repetition: said, not compared.
     */
    private static void notePartialEnds(double[] x, List<Rep> reps, double minProminence, List<String> leftOut) {
        if (reps.isEmpty()) {
            return;
        }
        int n = x.length;
        int start = reps.get(0).from();
        int end = reps.get(reps.size() - 1).to();
        boolean noted = leftOut.stream().anyMatch(s -> s.contains("at the start"));
        if (!noted && start > 0 && Signals.min(java.util.Arrays.copyOfRange(x, 0, start))
                < max(x, 0, start) - 0.5 * minProminence) {
            leftOut.add(0, "a partial repetition at the start (" + start + " frames; the take starts part-way"
                    + " through it)");
        }
        noted = leftOut.stream().anyMatch(s -> s.contains("at the end"));
        if (!noted && end >= 0 && end < n - 1 && Signals.min(java.util.Arrays.copyOfRange(x, end + 1, n))
                < max(x, end, n - 1) - 0.5 * minProminence) {
            leftOut.add("a partial repetition at the end (" + (n - 1 - end) + " frames; the take ends part-way"
                    + " through it)");
        }
    }

    private static List<Rep> cycles(double[] x, List<Integer> events, double minProminence, double patternFrames,
            List<String> leftOut) {
        List<Rep> reps = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int k = 0; k + 1 < events.size(); k++) {
            reps.add(new Rep(events.get(k), events.get(k + 1), events.get(k)));
            lengths.add(events.get(k + 1) - events.get(k));
        }
        double typical = lengths.isEmpty() ? patternFrames : median(lengths);
        int n = x.length;
        if (events.isEmpty()) {
            return reps;
        }
        int first = events.get(0);
        int last = events.get(events.size() - 1);
        if (first > 0) {
            if (wholeCycle(x, 0, first, typical, minProminence)) {
                reps.add(0, new Rep(0, first, 0));
            } else {
                leftOut.add("the part before the first whole cycle (" + first + " frames)");
            }
        }
        if (last < n - 1) {
            if (wholeCycle(x, last, n - 1, typical, minProminence)) {
                reps.add(new Rep(last, n - 1, last));
            } else {
                leftOut.add("the part after the last whole cycle (" + (n - 1 - last) + " frames)");
            }
        }
        return reps;
    }

    /**
     * An end piece is a whole cycle when it lasts as long as the others (so, at a steady rhythm, it ends where the
     * next would start) and holds a movement as large as an event's: not standing still before or after the set.
     */
    private static boolean wholeCycle(double[] x, int from, int to, double typical, double minProminence) {
        int length = to - from;
        return length >= 0.85 * typical && length <= 1.2 * typical
                && max(x, from, to) - Signals.min(java.util.Arrays.copyOfRange(x, from, to + 1)) >= minProminence;
    }

    private static double max(double[] x, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i <= to; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    private static double median(List<Integer> values) {
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(Integer::compare);
        int m = sorted.size();
        return m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2.0;
    }
}
