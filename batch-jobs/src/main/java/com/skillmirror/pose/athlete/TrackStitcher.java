package com.skillmirror.pose.athlete;

import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-identification: joins the tracker's tracks that are one person, so that a person keeps one id through
 * occlusion, leaving and re-entering the frame, cuts, and the pose stage's segments (each segment tracks on its own).
 *
 * <p>Tracks are first cut where the box jumps (see {@link Tracklet}). Then, repeatedly, the two most alike groups
 * that are never in the same frame are joined while they are alike enough: alike means close clothes colours
 * ({@link Appearance#distance}) and a similar size; a group that continues where the other stopped (within a second,
 * no further than a person moves in that time) needs less colour evidence, as the tracker would have kept the id
 * had it not lost the person for a moment. Two people seen together are never joined, and a join on looks alone is
 * refused when another person looks about as alike ({@link #AMBIGUITY_MARGIN}: team-mates in one kit).
 */
public final class TrackStitcher {

    /** Colour distance below which two sightings apart in time or place are one person (same clothes). */
    static final double MAX_APPEARANCE_DISTANCE = 0.1;
    /** Colour distance allowed when one group continues where the other stopped. */
    static final double MAX_APPEARANCE_DISTANCE_CONTINUOUS = 0.5;
    /** Weight of the size change (|ln(height ratio)|) beside the colour distance; the camera may zoom at a cut. */
    static final double SIZE_WEIGHT = 0.3;
    static final double CONTINUITY_SECONDS = 1.0;
    /** Continuous joins cost up to this (see {@link #cost}), joins on looks alone from it on. */
    private static final double CONTINUOUS_LIMIT = 0.5;
    /**
     * A join on looks alone is refused when another person is within this of it (in units of the join limit): a
     * quarter of the colour distance that makes a join.
     */
    static final double AMBIGUITY_MARGIN = 0.25;
    /** How far a person may move between two sightings: body heights, plus this many per second apart. */
    static final double CONTINUITY_BASE_HEIGHTS = 0.5;
    static final double CONTINUITY_HEIGHTS_PER_SECOND = 2.0;

    /**
     * @param series          the stitched series: one id per person, numbered 0, 1, ... in order of first appearance
     * @param tracks          tracker tracks in the input
     * @param tracklets       unbroken runs after cutting tracks at jumps
     * @param people          people after joining
     */
    public record Result(PoseSeries series, int tracks, int tracklets, int people) {
    }

    private TrackStitcher() {
    }

    /** Stitches with appearances; {@code appearances} may be null or empty (then only continuity joins). */
    public static Result stitch(PoseSeries series, AppearanceTable appearances) {
        List<Tracklet> tracklets = Tracklet.of(series, appearances);
        List<Group> groups = new ArrayList<>();
        tracklets.forEach(t -> groups.add(new Group(t)));
        joinAlike(groups);
        groups.sort(Comparator.comparingInt(Group::firstPosition));
        Map<Tracklet, Integer> idOf = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            for (Tracklet t : groups.get(i).members) {
                idOf.put(t, i);
            }
        }
        return new Result(relabel(series, tracklets, idOf), series.personIds().size(), tracklets.size(), groups.size());
    }

    /**
     * Greedy agglomeration on a cost matrix: only the merged group's row is recomputed after a join, so a long crowded
     * video (hundreds of tracklets) costs a second, not minutes.
     */
    private static void joinAlike(List<Group> groups) {
        int n = groups.size();
        double[][] cost = new double[n][n];
        boolean[] gone = new boolean[n];
        // pairs whose join would be a guess; their cost stays, as the alternative that makes other joins guesses too
        boolean[][] refused = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                cost[i][j] = cost(groups.get(i), groups.get(j));
            }
        }
        while (true) {
            double best = Double.POSITIVE_INFINITY;
            int bi = -1, bj = -1;
            for (int i = 0; i < n; i++) {
                if (gone[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (!gone[j] && !refused[i][j] && cost[i][j] < best) {
                        best = cost[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            boolean onLooksAlone = !junction(groups.get(bi), groups.get(bj)).continuous();
            if (onLooksAlone && (ambiguous(groups, cost, gone, bi, bj) || ambiguous(groups, cost, gone, bj, bi))) {
                refused[bi][bj] = true;
                continue;
            }
            groups.get(bi).absorb(groups.get(bj));
            gone[bj] = true;
            for (int k = 0; k < n; k++) {
                if (k != bi && !gone[k]) {
                    double c = cost(groups.get(Math.min(bi, k)), groups.get(Math.max(bi, k)));
                    cost[Math.min(bi, k)][Math.max(bi, k)] = c;
                    refused[Math.min(bi, k)][Math.max(bi, k)] = false;
                }
            }
        }
        List<Group> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!gone[i]) {
                kept.add(groups.get(i));
            }
        }
        groups.clear();
        groups.addAll(kept);
    }

    /**
     * Whether joining {@code x} to {@code y} on looks alone is a guess: another group, seen together with {@code y}
     * (so another person), looks about as much like {@code x}. Team-mates in one kit look alike; then the one who
     * left and came back is not known, and two people are worse than one person in two parts.
     */
    private static boolean ambiguous(List<Group> groups, double[][] cost, boolean[] gone, int x, int y) {
        double join = cost[Math.min(x, y)][Math.max(x, y)];
        for (int k = 0; k < cost.length; k++) {
            if (gone[k] || k == x || k == y || !groups.get(k).positions.intersects(groups.get(y).positions)) {
                continue;
            }
            if (cost[Math.min(x, k)][Math.max(x, k)] < join + AMBIGUITY_MARGIN) {
                return true;
            }
        }
        return false;
    }

    /**
     * How unlike two groups are, scaled so that 1 is the limit of a join; infinite when they cannot be one person
     * (seen together, or not alike enough).
     */
    static double cost(Group a, Group b) {
        if (a.positions.intersects(b.positions)) {
            return Double.POSITIVE_INFINITY;
        }
        Junction j = junction(a, b);
        double appearance = a.appearance().distance(b.appearance());
        double size = Math.abs(Math.log(Math.max(1, j.before.medianHeight()) / Math.max(1, j.after.medianHeight())));
        if (j.continuous()) {
            double d = Double.isNaN(appearance) ? MAX_APPEARANCE_DISTANCE_CONTINUOUS / 2 : appearance;
            double c = d / MAX_APPEARANCE_DISTANCE_CONTINUOUS;
            return c <= 1 ? c * CONTINUOUS_LIMIT : Double.POSITIVE_INFINITY; // continuity first: stronger evidence
        }
        if (Double.isNaN(appearance)) {
            return Double.POSITIVE_INFINITY;
        }
        double c = (appearance + SIZE_WEIGHT * size) / MAX_APPEARANCE_DISTANCE;
        return c <= 1 ? CONTINUOUS_LIMIT + c : Double.POSITIVE_INFINITY;
    }

    /** The closest pair in time of a tracklet ending in one group and one starting after it in the other. */
    private static Junction junction(Group a, Group b) {
        Junction best = null;
        for (Tracklet x : a.members) {
            for (Tracklet y : b.members) {
                Junction j = x.endMs <= y.startMs ? new Junction(x, y) : y.endMs <= x.startMs ? new Junction(y, x) : null;
                if (j != null && (best == null || j.gapMs() < best.gapMs())) {
                    best = j;
                }
            }
        }
        if (best == null) { // interleaved without overlap in frames: take the first members
            best = new Junction(a.members.get(0), b.members.get(0));
        }
        return best;
    }

    private record Junction(Tracklet before, Tracklet after) {
        long gapMs() {
            return after.startMs - before.endMs;
        }

        boolean continuous() {
            double seconds = Math.max(0, gapMs()) / 1000.0;
            if (seconds > CONTINUITY_SECONDS) {
                return false;
            }
            double[] end = before.lastBox();
            double[] start = after.firstBox();
            double h = Math.max(1, (end[2] + start[2]) / 2);
            double moved = Math.hypot(start[0] - end[0], start[1] - end[1]) / h;
            double sizeChange = Math.abs(Math.log(Math.max(1, start[2]) / Math.max(1, end[2])));
            return moved <= CONTINUITY_BASE_HEIGHTS + CONTINUITY_HEIGHTS_PER_SECOND * seconds
                    && sizeChange <= Math.log(1.5);
        }
    }

    /** Tracklets taken as one person so far. */
    static final class Group {
        final List<Tracklet> members = new ArrayList<>();
        final BitSet positions = new BitSet();
        private Appearance appearance;

        Group(Tracklet first) {
            members.add(first);
            positions.or(first.positions);
            appearance = first.appearance;
        }

        void absorb(Group other) {
            members.addAll(other.members);
            positions.or(other.positions);
            appearance = null;
        }

        /** The members' appearances averaged by their number of frames (a long sighting counts more). */
        Appearance appearance() {
            if (appearance == null) {
                List<Appearance> weighted = new ArrayList<>();
                for (Tracklet t : members) {
                    for (int k = 0; k < Math.max(1, Math.min(20, t.frames() / 5)); k++) {
                        weighted.add(t.appearance);
                    }
                }
                appearance = Appearance.mean(weighted);
            }
            return appearance;
        }

        int firstPosition() {
            return positions.nextSetBit(0);
        }
    }

    private static PoseSeries relabel(PoseSeries series, List<Tracklet> tracklets, Map<Tracklet, Integer> idOf) {
        Map<Long, Integer> newId = new HashMap<>(); // (frame position, track id) -> person id
        for (Tracklet t : tracklets) {
            int id = idOf.get(t);
            for (int pos : t.framePositions) {
                newId.put(((long) pos << 32) | (t.trackId & 0xffffffffL), id);
            }
        }
        List<PoseFrame> frames = new ArrayList<>(series.frames().size());
        for (int i = 0; i < series.frames().size(); i++) {
            PoseFrame f = series.frames().get(i);
            List<PersonPose> people = new ArrayList<>(f.people().size());
            for (PersonPose p : f.people()) {
                int id = newId.get(((long) i << 32) | (p.id() & 0xffffffffL));
                people.add(new PersonPose(id, p.score(), p.landmarks(), p.worldLandmarks(), p.box()));
            }
            people.sort(Comparator.comparingInt(PersonPose::id));
            frames.add(new PoseFrame(f.index(), f.timeMs(), people));
        }
        return new PoseSeries(series.model(), series.fps(), series.width(), series.height(), frames);
    }
}
