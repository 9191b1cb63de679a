package com.skillmirror.pose.export;

import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV: a header row, then one row per frame for each exported person (frame order, then the order of the given
 * kinematics). Columns: {@code frame_index, time_ms, person_id}, then per landmark in BlazePose order
 * {@code <name>_x, <name>_y, <name>_z, <name>_visibility} (image landmarks, normalised to the frame as in
 * {@link Landmark}), then each angle in degrees by its {@link com.skillmirror.kinematics.Angle#key() key} (in the
 * kinematics' space), then {@code com_x, com_y, com_z}. A frame where the person was not found has empty landmark,
 * angle and CoM cells; an angle without a value is an empty cell. Numbers use '.' and read back exactly.
 */
public final class PoseCsvWriter {

    private PoseCsvWriter() {
    }

    /** The header row. */
    public static List<String> header(KinematicSeries kinematics) {
        List<String> h = new ArrayList<>(List.of("frame_index", "time_ms", "person_id"));
        for (BodyLandmark b : BodyLandmark.values()) {
            String n = b.key();
            h.addAll(List.of(n + "_x", n + "_y", n + "_z", n + "_visibility"));
        }
        h.addAll(kinematics.angleNames());
        h.addAll(List.of("com_x", "com_y", "com_z"));
        return h;
    }

    public static void write(PoseSeries series, KinematicSeries kinematics, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(series, List.of(kinematics), out);
        }
    }

    public static void write(PoseSeries series, KinematicSeries kinematics, Writer out) throws IOException {
        write(series, List.of(kinematics), out);
    }

    /** Several people of one series in one table; their kinematics must share a space (one set of angle columns). */
    public static void write(PoseSeries series, List<KinematicSeries> kinematics, Writer out) throws IOException {
        if (kinematics.isEmpty()) {
            throw new IllegalArgumentException("Nobody to export");
        }
        Columns.checkMatches(series, kinematics);
        if (kinematics.stream().map(KinematicSeries::space).distinct().count() > 1) {
            throw new IllegalArgumentException("Kinematics in different spaces cannot share angle columns");
        }
        List<String> header = header(kinematics.get(0));
        List<String> angleNames = List.copyOf(kinematics.get(0).angleNames());
        List<double[]> angles = new ArrayList<>();
        List<double[][]> coms = new ArrayList<>();
        for (KinematicSeries k : kinematics) {
            List<double[]> a = new ArrayList<>();
            angleNames.forEach(n -> a.add(k.angle(n)));
            angles.addAll(a);
            coms.add(k.centreOfMass());
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator("\n").get();
        CSVPrinter printer = new CSVPrinter(out, format);
        List<String> row = new ArrayList<>(header.size());
        for (int i = 0; i < series.frames().size(); i++) {
            PoseFrame frame = series.frames().get(i);
            for (int p = 0; p < kinematics.size(); p++) {
                KinematicSeries k = kinematics.get(p);
                row.clear();
                row.add(Integer.toString(frame.index()));
                row.add(Long.toString(frame.timeMs()));
                row.add(Integer.toString(k.personId()));
                PersonPose person = frame.person(k.personId());
                for (int l = 0; l < PersonPose.LANDMARK_COUNT; l++) {
                    if (person == null) {
                        row.addAll(List.of("", "", "", ""));
                    } else {
                        Landmark lm = person.landmarks().get(l);
                        row.add(Columns.number(lm.x()));
                        row.add(Columns.number(lm.y()));
                        row.add(Columns.number(lm.z()));
                        row.add(Columns.number(lm.visibility()));
                    }
                }
                for (int a = 0; a < angleNames.size(); a++) {
                    row.add(Columns.number(angles.get(p * angleNames.size() + a)[i]));
                }
                for (double c : coms.get(p)[i]) {
                    row.add(Columns.number(c));
                }
                printer.printRecord(row);
            }
        }
        printer.flush();
    }
}
