package com.skillmirror.pose.export;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PoseSeries;
import java.util.List;

/** Checks shared by the writers. */
final class Columns {

    private Columns() {
    }

    /** The kinematics must be of this series (same frames) and, for one table, in one space. */
    static void checkMatches(PoseSeries series, List<KinematicSeries> kinematics) {
        for (KinematicSeries k : kinematics) {
            if (k.size() != series.frames().size()) {
                throw new IllegalArgumentException("Kinematics of person " + k.personId() + " has " + k.size()
                        + " frames, the pose series " + series.frames().size());
            }
            int[] idx = k.frameIndex();
            for (int i = 0; i < idx.length; i++) {
                if (idx[i] != series.frames().get(i).index()) {
                    throw new IllegalArgumentException("Kinematics of person " + k.personId()
                            + " is not of this pose series (frame " + i + " is " + idx[i] + ", not "
                            + series.frames().get(i).index() + ")");
                }
            }
        }
    }

    /** Shortest text that reads back to the same float (empty for NaN). */
    static String number(float v) {
        return Float.isNaN(v) ? "" : Float.toString(v);
    }

    /** Shortest text that reads back to the same double (empty for NaN). */
    static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
