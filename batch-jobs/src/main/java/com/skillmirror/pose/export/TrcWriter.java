package com.skillmirror.pose.export;

import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * TRC (track row column, the marker file of OpenSim and Kinovea): one person's 33 world landmarks as markers named
 * by {@link BodyLandmark#key()}. Tab-separated: the PathFileType line, the DataRate/CameraRate/NumFrames/NumMarkers/
 * Units/OrigDataRate/OrigDataStartFrame/OrigNumFrames names and values, the marker-name line
 * ({@code Frame#, Time, name, "", "", ...}), the X1/Y1/Z1... line, a blank line, then one row per frame
 * ({@code Frame#} from 1, {@code Time} in seconds from the video's start).
 *
 * <p>Axes follow OpenSim (Y up): X = world x (picture right), Y = -world y (up), Z = -world z (towards the camera),
 * a right-handed frame like MediaPipe's own, in the declared units, origin between the hips in every frame (BlazePose
 * world landmarks carry no travel through the scene). A frame without the person, and a landmark less visible than
 * the threshold, are empty cells, which OpenSim reads as missing markers.
 */
public final class TrcWriter {

    /** Units of the marker coordinates, as declared in the header. */
    public enum Units {
        MM("mm", 1000.0), M("m", 1.0);

        private final String label;
        private final double perMetre;

        Units(String label, double perMetre) {
            this.label = label;
            this.perMetre = perMetre;
        }

        public String label() {
            return label;
        }

        public double perMetre() {
            return perMetre;
        }
    }

    private TrcWriter() {
    }

    public static void write(PoseSeries series, int personId, Units units, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(series, personId, units, Kinematics.DEFAULT_MIN_VISIBILITY, file.getFileName().toString(), out);
        }
    }

    /**
     * @param fileName the name written on the PathFileType line (TRC files name themselves there)
     * @param minVisibility landmarks below this visibility are left empty
     */
    public static void write(PoseSeries series, int personId, Units units, double minVisibility, String fileName,
            Writer out) throws IOException {
        List<PoseFrame> frames = series.frames();
        int markers = BodyLandmark.values().length;
        String rate = decimal(series.fps());
        int firstFrame = frames.isEmpty() ? 1 : frames.get(0).index() + 1;
        StringBuilder sb = new StringBuilder();
        sb.append("PathFileType\t4\t(X/Y/Z)\t").append(fileName).append('\n');
        sb.append("DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n");
        sb.append(rate).append('\t').append(rate).append('\t').append(frames.size()).append('\t').append(markers)
                .append('\t').append(units.label()).append('\t').append(rate).append('\t').append(firstFrame)
                .append('\t').append(frames.size()).append('\n');
        sb.append("Frame#\tTime");
        for (BodyLandmark b : BodyLandmark.values()) {
            sb.append('\t').append(b.key()).append("\t\t");
        }
        sb.append("\n\t");
        for (int m = 1; m <= markers; m++) {
            sb.append("\tX").append(m).append("\tY").append(m).append("\tZ").append(m);
        }
        sb.append("\n\n");
        out.write(sb.toString());
        for (int i = 0; i < frames.size(); i++) {
            PoseFrame frame = frames.get(i);
            sb.setLength(0);
            sb.append(i + 1).append('\t').append(decimal(frame.timeMs() / 1000.0));
            PersonPose p = frame.person(personId);
            for (int m = 0; m < markers; m++) {
                if (p == null || p.landmarks().get(m).visibility() < minVisibility) {
                    sb.append("\t\t\t");
                    continue;
                }
                Landmark w = p.worldLandmarks().get(m);
                sb.append('\t').append(decimal(w.x() * units.perMetre()))
                        .append('\t').append(decimal(-w.y() * units.perMetre()))
                        .append('\t').append(decimal(-w.z() * units.perMetre()));
            }
            sb.append('\n');
            out.write(sb.toString());
        }
        out.flush();
    }

    /** Plain decimal (no exponent: some TRC readers do not take one); 6 places: a micrometre at worst (in metres). */
    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
