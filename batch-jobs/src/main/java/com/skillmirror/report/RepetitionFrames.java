package com.skillmirror.report;

import com.skillmirror.compare.RepetitionSet;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.overlay.OverlayRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The best and the worst repetition of a set as pictures: each one's key moment (its main event, e.g. the bottom of
 * the squat) drawn with the skeleton, as the pose stage draws the take's key frames. The compare stage finds the
 * repetitions after the pose stage has drawn its frames, so the report draws these from the same video.
 */
public final class RepetitionFrames {

    /** The label of the best repetition's picture among {@link ReportData#keyFrames()}. */
    public static final String BEST = "repetition-best";
    /** The label of the worst repetition's picture. */
    public static final String WORST = "repetition-worst";

    private RepetitionFrames() {
    }

    /**
     * JPEGs of the best and the worst repetition's key frames by {@link #BEST} / {@link #WORST}; empty when the take
     * was not a set. A repetition without a key frame has no picture.
     *
     * @param video  the video the pose series was tracked on (the proxy)
     * @param series its landmarks, for the skeleton
     */
    public static Map<String, byte[]> draw(Path video, PoseSeries series, RepetitionSet set) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (set == null || set.reps().isEmpty()) {
            return out;
        }
        put(out, BEST, video, series, rep(set, set.best()));
        put(out, WORST, video, series, rep(set, set.worst()));
        return out;
    }

    /** Whether the set has a key frame to draw for its best or worst repetition (so the video is worth reading). */
    public static boolean wanted(RepetitionSet set) {
        return set != null && !set.reps().isEmpty()
                && (keyFrame(rep(set, set.best())) != null || keyFrame(rep(set, set.worst())) != null);
    }

    private static void put(Map<String, byte[]> out, String label, Path video, PoseSeries series,
            RepetitionSet.Rep rep) throws IOException {
        RepetitionSet.KeyFrame key = keyFrame(rep);
        if (key == null) {
            return;
        }
        Path jpeg = Files.createTempFile("skillmirror-rep-", ".jpg");
        try {
            OverlayRenderer.keyFrame(video, series, key.frameIndex(), jpeg);
            out.put(label, Files.readAllBytes(jpeg));
        } finally {
            Files.deleteIfExists(jpeg);
        }
    }

    private static RepetitionSet.Rep rep(RepetitionSet set, int number) {
        return set.reps().stream().filter(r -> r.number() == number).findFirst().orElse(null);
    }

    private static RepetitionSet.KeyFrame keyFrame(RepetitionSet.Rep rep) {
        return rep == null ? null : rep.keyFrame();
    }
}
