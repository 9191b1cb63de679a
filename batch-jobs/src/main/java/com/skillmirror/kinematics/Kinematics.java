package com.skillmirror.kinematics;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joint and segment angles, angular velocities and centre of mass of one tracked person, from a {@link PoseSeries}.
 * See {@link Angle} for the angle conventions and {@link KinematicSeries} for gaps.
 */
public final class Kinematics {

    /**
     * Landmarks less visible than this make the angles that use them a gap. 0.5 is the threshold MediaPipe's own
     * drawing utilities use to decide whether to show a landmark: below it the landmark is usually occluded or out
     * of the frame and its position a guess.
     */
    public static final double DEFAULT_MIN_VISIBILITY = 0.5;

    private Kinematics() {
    }

    /** Image-space kinematics with the default visibility threshold. */
    public static KinematicSeries of(PoseSeries series, int personId) {
        return of(series, personId, Space.IMAGE, DEFAULT_MIN_VISIBILITY);
    }

    public static KinematicSeries of(PoseSeries series, int personId, Space space) {
        return of(series, personId, space, DEFAULT_MIN_VISIBILITY);
    }

    public static KinematicSeries of(PoseSeries series, int personId, Space space, double minVisibility) {
        List<PoseFrame> frames = series.frames();
        int n = frames.size();
        int[] frameIndex = new int[n];
        long[] timeMs = new long[n];
        Angle[] all = Angle.values();
        double[][] values = new double[all.length][n];
        double[][] com = new double[n][];
        double[] p = new double[3];
        double[] q = new double[3];
        double[] r = new double[3];
        for (int i = 0; i < n; i++) {
            PoseFrame frame = frames.get(i);
            frameIndex[i] = frame.index();
            timeMs[i] = frame.timeMs();
            PersonPose person = frame.person(personId);
            Points points = person == null ? null : new Points(person, space, series.width(), series.height(), minVisibility);
            for (int k = 0; k < all.length; k++) {
                values[k][i] = points == null ? Double.NaN : measure(all[k].definition(), points, p, q, r);
            }
            com[i] = points == null ? nan3() : centreOfMass(person, space, minVisibility);
        }
        Map<String, double[]> angles = new LinkedHashMap<>();
        for (int k = 0; k < all.length; k++) {
            if (all[k].kind() == Angle.Kind.SEGMENT) {
                unwrap(values[k]);
            }
            angles.put(all[k].key(), values[k]);
        }
        return new KinematicSeries(personId, space, series.fps(), minVisibility, frameIndex, timeMs, angles, com);
    }

    private static double measure(Angle.Definition d, Points points, double[] p, double[] q, double[] r) {
        if (!points.mean(d.from(), p) || !points.mean(d.to(), q)) {
            return Double.NaN;
        }
        if (d.kind() == Angle.Kind.JOINT) {
            if (!points.mean(d.third(), r)) {
                return Double.NaN;
            }
            return jointAngle(p, q, r);
        }
        double dx = q[0] - p[0];
        double dy = q[1] - p[1]; // y grows downwards in both spaces
        if (dx == 0 && dy == 0) {
            return Double.NaN;
        }
        double radians = switch (d.reference()) {
            case DOWN -> Math.atan2(dx, dy);
            case UP -> Math.atan2(dx, -dy);
            // in 3D a line across the body often points at the camera, where its x-y projection is a noisy stub:
            // use its true elevation above the horizontal plane instead
            case HORIZONTAL -> points.threeD() ? Math.atan2(-dy, Math.hypot(dx, q[2] - p[2])) : Math.atan2(-dy, dx);
        };
        return Math.toDegrees(radians);
    }

    /** Interior angle at b between b→a and b→c, [0, 180]; atan2 of |cross| and dot stays exact near 0 and 180. */
    static double jointAngle(double[] a, double[] b, double[] c) {
        double ux = a[0] - b[0], uy = a[1] - b[1], uz = a[2] - b[2];
        double vx = c[0] - b[0], vy = c[1] - b[1], vz = c[2] - b[2];
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        double cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double dot = ux * vx + uy * vy + uz * vz;
        if (cross == 0 && dot == 0) {
            return Double.NaN; // a zero-length segment has no direction
        }
        return Math.toDegrees(Math.atan2(cross, dot));
    }

    /**
     * Adds multiples of 360 so that each value is within 180 of the previous value (the previous one before a gap,
     * so a posture seen again after a gap keeps its value). The first value stays in (-180, 180].
     */
    static void unwrap(double[] a) {
        double previous = Double.NaN;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                continue;
            }
            if (!Double.isNaN(previous)) {
                a[i] -= 360.0 * Math.round((a[i] - previous) / 360.0);
            }
            previous = a[i];
        }
    }

    private static double[] centreOfMass(PersonPose person, Space space, double minVisibility) {
        List<Landmark> lms = space == Space.WORLD ? person.worldLandmarks() : person.landmarks();
        List<Landmark> vis = person.landmarks(); // the model gives one visibility per landmark, kept on the image ones
        double[] sum = new double[3];
        double[] prox = new double[3];
        double[] dist = new double[3];
        for (SegmentMassModel.Segment s : SegmentMassModel.SEGMENTS) {
            if (!mean(lms, vis, s.proximal(), minVisibility, prox)) {
                return nan3();
            }
            if (!mean(lms, vis, s.distal(), minVisibility, dist)) {
                if (!s.distalOptional()) {
                    return nan3();
                }
                System.arraycopy(prox, 0, dist, 0, 3);
            }
            for (int k = 0; k < 3; k++) {
                sum[k] += s.massFraction() * (prox[k] + s.comFromProximal() * (dist[k] - prox[k]));
            }
        }
        return sum;
    }

    private static boolean mean(List<Landmark> lms, List<Landmark> vis, List<BodyLandmark> which, double minVisibility,
            double[] out) {
        out[0] = out[1] = out[2] = 0;
        for (BodyLandmark b : which) {
            if (vis.get(b.index()).visibility() < minVisibility) {
                return false;
            }
            Landmark l = lms.get(b.index());
            out[0] += l.x();
            out[1] += l.y();
            out[2] += l.z();
        }
        for (int k = 0; k < 3; k++) {
            out[k] /= which.size();
        }
        return true;
    }

    private static double[] nan3() {
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }

    /** One person's landmarks in the coordinates angles are measured in. */
    private static final class Points {
        private final List<Landmark> landmarks;
        private final List<Landmark> visibility;
        private final double sx;
        private final double sy;
        private final boolean useZ;
        private final double minVisibility;

        Points(PersonPose person, Space space, int width, int height, double minVisibility) {
            this.visibility = person.landmarks();
            this.minVisibility = minVisibility;
            if (space == Space.WORLD) {
                landmarks = person.worldLandmarks();
                sx = 1;
                sy = 1;
                useZ = true;
            } else {
                landmarks = person.landmarks();
                sx = width;
                sy = height;
                useZ = false;
            }
        }

        boolean threeD() {
            return useZ;
        }

        /** Mean position of the landmarks into out; false when one of them is not visible enough. */
        boolean mean(List<BodyLandmark> which, double[] out) {
            out[0] = out[1] = out[2] = 0;
            for (BodyLandmark b : which) {
                if (visibility.get(b.index()).visibility() < minVisibility) {
                    return false;
                }
                Landmark l = landmarks.get(b.index());
                out[0] += l.x() * sx;
                out[1] += l.y() * sy;
                out[2] += useZ ? l.z() : 0;
            }
            for (int k = 0; k < 3; k++) {
                out[k] /= which.size();
            }
            return true;
        }
    }
}
