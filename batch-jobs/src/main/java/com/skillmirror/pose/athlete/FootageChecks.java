package com.skillmirror.pose.athlete;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What is wrong with the footage as far as people go, once the athlete is chosen: seen for under a second, only the
 * head and shoulders or only the legs in view, the athlete small or small among a crowd. These are warnings: the
 * analysis goes on (a short clip is still worth its angles), and the coach is told which results to doubt and what to
 * film next time. Nobody at all, or a point on nobody, is the pose stage's failure ({@link AthleteFinder}).
 */
public final class FootageChecks {

    static final double MIN_VISIBLE_SECONDS = 1.0;
    /** A region counts as out of view in a frame when none of its landmarks is visible and inside the frame. */
    static final float MIN_VISIBILITY = 0.5f;
    /** Share of the athlete's frames a partial view must hold to be reported. */
    static final double MOSTLY = 0.8;
    /** Below this median height (fraction of the frame) the athlete is small: landmarks get coarse. */
    static final double SMALL_HEIGHT = 0.2;
    static final int CROWD = 3;

    private static final int[] HEAD_AND_SHOULDERS = {0, 2, 5, 7, 8, 11, 12};
    private static final int[] LEGS = {25, 26, 27, 28};

    private FootageChecks() {
    }

    /** What to doubt about the athlete's footage, each with what to change next time; none of it stops the analysis. */
    public static List<String> check(PoseSeries series, int athleteId) {
        List<PersonPose> seen = new ArrayList<>();
        for (PoseFrame f : series.frames()) {
            PersonPose p = f.person(athleteId);
            if (p != null) {
                seen.add(p);
            }
        }
        int crowd = series.personIds().size();
        List<String> warnings = new ArrayList<>();
        double seconds = seen.size() / Math.max(1e-6, series.fps());
        if (seconds < MIN_VISIBLE_SECONDS) {
            warnings.add(String.format(Locale.ROOT, "The athlete (person %d) is in view for only %.1f s (%d frames at"
                    + " %.0f fps): too short for a whole movement, so the results below say little. Film the whole"
                    + " movement, at least %.0f s, with the athlete in the frame.", athleteId, seconds, seen.size(),
                    series.fps(), MIN_VISIBLE_SECONDS));
        }
        long headOnly = seen.stream().filter(p -> inView(p, HEAD_AND_SHOULDERS) && !inView(p, LEGS)).count();
        long legsOnly = seen.stream().filter(p -> !inView(p, HEAD_AND_SHOULDERS) && inView(p, LEGS)).count();
        if (headOnly >= MOSTLY * seen.size()) {
            warnings.add("Only the athlete's head and upper body are in view (" + percent(headOnly, seen.size())
                    + " of their frames): knee and ankle angles cannot be measured, and results that need them are"
                    + " missing or unreliable. Film the whole body, head to feet.");
        } else if (legsOnly >= MOSTLY * seen.size()) {
            warnings.add("Only the athlete's legs are in view (" + percent(legsOnly, seen.size()) + " of their"
                    + " frames): trunk, shoulder and arm angles cannot be measured, and the pose model is unreliable"
                    + " without the head. Film the whole body, head to feet.");
        }
        double height = medianHeight(seen);
        if (height < SMALL_HEIGHT) {
            String size = Math.round(height * 100) + " % of the frame height";
            warnings.add(crowd >= CROWD
                    ? "A crowd of small people (" + crowd + " people seen; the athlete about " + size + "): who"
                    + " the athlete is and their angles are less certain. Mark the athlete on the thumbnail, and film"
                    + " closer so the athlete fills at least half of the frame height."
                    : "The athlete is small in the frame (about " + size + "): landmarks and angles are less accurate."
                    + " Film closer, so the athlete fills at least half of the frame height.");
        }
        return warnings;
    }

    private static boolean inView(PersonPose p, int[] landmarks) {
        for (int i : landmarks) {
            Landmark l = p.landmarks().get(i);
            if (l.visibility() >= MIN_VISIBILITY && l.x() >= 0 && l.x() <= 1 && l.y() >= 0 && l.y() <= 1) {
                return true;
            }
        }
        return false;
    }

    private static double medianHeight(List<PersonPose> seen) {
        double[] h = seen.stream().mapToDouble(p -> {
            float[] b = p.landmarkBounds();
            return Math.min(1, b[3]) - Math.max(0, b[1]);
        }).sorted().toArray();
        return h.length == 0 ? 0 : h[h.length / 2];
    }

    private static String percent(long part, int whole) {
        return Math.round(100.0 * part / Math.max(1, whole)) + " %";
    }
}
