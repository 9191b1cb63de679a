package com.skillmirror.pose.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.kinematics.Angle;
import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.kinematics.Skeleton;
import com.skillmirror.kinematics.Space;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.testsupport.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports of a real pose series (the mecavideo cyclist clip tracked with up to 3 people: people come and go, so
 * every person has frames without them) parsed back with real parsers: values round-trip, gaps stay gaps.
 */
class PoseExportTest {

    private static PoseSeries clip;
    private static List<KinematicSeries> people;

    @BeforeAll
    static void track() throws Exception {
        clip = PoseClips.trackClip(TestMedia.file("mecavideo_g1_cyclist.avi"),
                PoseOptions.defaults().withMaxPeople(3).withDetectEveryNFrames(5));
        people = new ArrayList<>();
        for (int id : clip.personIds()) {
            people.add(Kinematics.of(clip, id));
        }
        assertThat(people).isNotEmpty();
        // at least one person is missing from some frame: the gaps are real
        assertThat(people.stream().anyMatch(k -> clip.frames().stream().anyMatch(f -> f.person(k.personId()) == null)))
                .as("someone leaves or enters the clip; ids %s", clip.personIds()).isTrue();
    }

    @Test
    void csvRoundTripsThroughACsvParser() throws Exception {
        StringWriter out = new StringWriter();
        PoseCsvWriter.write(clip, people, out);
        List<CSVRecord> rows;
        List<String> header;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString()))) {
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertThat(header).hasSize(3 + 33 * 4 + Angle.values().length + 3);
        assertThat(header.subList(0, 7)).containsExactly("frame_index", "time_ms", "person_id", "nose_x", "nose_y",
                "nose_z", "nose_visibility");
        assertThat(header).contains("right_foot_index_visibility", "left_knee_angle", "trunk_lean", "com_z");
        assertThat(rows).hasSize(clip.frames().size() * people.size());
        int gaps = 0;
        for (int i = 0; i < clip.frames().size(); i++) {
            PoseFrame frame = clip.frames().get(i);
            for (int p = 0; p < people.size(); p++) {
                KinematicSeries k = people.get(p);
                CSVRecord row = rows.get(i * people.size() + p);
                assertThat(row.size()).isEqualTo(header.size());
                assertThat(Integer.parseInt(row.get("frame_index"))).isEqualTo(frame.index());
                assertThat(Long.parseLong(row.get("time_ms"))).isEqualTo(frame.timeMs());
                assertThat(Integer.parseInt(row.get("person_id"))).isEqualTo(k.personId());
                PersonPose person = frame.person(k.personId());
                for (BodyLandmark b : BodyLandmark.values()) {
                    String x = row.get(b.key() + "_x");
                    if (person == null) {
                        assertThat(x).isEmpty();
                        assertThat(row.get(b.key() + "_visibility")).isEmpty();
                    } else {
                        Landmark l = person.landmarks().get(b.index());
                        assertThat(Float.parseFloat(x)).isEqualTo(l.x());
                        assertThat(Float.parseFloat(row.get(b.key() + "_y"))).isEqualTo(l.y());
                        assertThat(Float.parseFloat(row.get(b.key() + "_z"))).isEqualTo(l.z());
                        assertThat(Float.parseFloat(row.get(b.key() + "_visibility"))).isEqualTo(l.visibility());
                    }
                }
                for (String name : k.angleNames()) {
                    double expected = k.angle(name)[i];
                    String cell = row.get(name);
                    if (Double.isNaN(expected)) {
                        assertThat(cell).isEmpty();
                        gaps++;
                    } else {
                        assertThat(Double.parseDouble(cell)).isEqualTo(expected);
                    }
                }
                double[] com = k.centreOfMass()[i];
                assertThat(row.get("com_x")).isEqualTo(Double.isNaN(com[0]) ? "" : Double.toString(com[0]));
            }
        }
        assertThat(gaps).isPositive();
    }

    @Test
    void csvRejectsKinematicsOfAnotherSeries() {
        PoseSeries shorter = new PoseSeries(clip.model(), clip.fps(), clip.width(), clip.height(),
                clip.frames().subList(0, 5));
        assertThatThrownBy(() -> PoseCsvWriter.write(shorter, people.get(0), new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class);
        KinematicSeries world = Kinematics.of(clip, people.get(0).personId(), Space.WORLD);
        assertThatThrownBy(() -> PoseCsvWriter.write(clip, List.of(people.get(0), world), new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonHoldsTheSeriesTheKinematicsAndMetadata() throws Exception {
        KinematicSeries world = Kinematics.of(clip, people.get(0).personId(), Space.WORLD);
        List<KinematicSeries> all = new ArrayList<>(people);
        all.add(world);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PoseJsonWriter.write(clip, all, out);
        JsonNode doc = JsonMapper.builder().build().readTree(out.toByteArray());
        assertThat(doc.get("format").asString()).isEqualTo(PoseJsonWriter.FORMAT);
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        JsonNode meta = doc.get("metadata");
        assertThat(meta.get("fps").asDouble()).isEqualTo(clip.fps());
        assertThat(meta.get("width").asInt()).isEqualTo(clip.width());
        assertThat(meta.get("height").asInt()).isEqualTo(clip.height());
        assertThat(meta.get("frameCount").asInt()).isEqualTo(clip.frames().size());
        assertThat(meta.get("landmarkNames")).hasSize(33);
        assertThat(meta.get("landmarkNames").get(25).asString()).isEqualTo("left_knee");
        assertThat(meta.get("bones")).hasSize(Skeleton.BONES.size());
        assertThat(meta.get("personIds")).hasSize(clip.personIds().size());
        assertThat(meta.get("units").get("angles").asString()).isEqualTo("degrees");

        JsonNode kin = doc.get("kinematics");
        assertThat(kin).hasSize(all.size());
        for (int p = 0; p < all.size(); p++) {
            KinematicSeries k = all.get(p);
            JsonNode node = kin.get(p);
            assertThat(node.get("personId").asInt()).isEqualTo(k.personId());
            assertThat(node.get("space").asString()).isEqualTo(k.space().name());
            for (String name : k.angleNames()) {
                double[] expected = k.angle(name);
                double[] velocity = k.velocity(name);
                JsonNode series = node.get("angles").get(name);
                assertThat(series).hasSize(expected.length);
                for (int i = 0; i < expected.length; i++) {
                    if (Double.isNaN(expected[i])) {
                        assertThat(series.get(i).isNull()).isTrue();
                    } else {
                        assertThat(series.get(i).asDouble()).isEqualTo(expected[i]);
                    }
                    JsonNode v = node.get("velocities").get(name).get(i);
                    assertThat(v.isNull()).isEqualTo(Double.isNaN(velocity[i]));
                }
            }
            double[][] com = k.centreOfMass();
            for (int i = 0; i < com.length; i++) {
                JsonNode c = node.get("centreOfMass").get(i);
                if (Double.isNaN(com[i][0])) {
                    assertThat(c.isNull()).isTrue();
                } else {
                    assertThat(c.get(1).asDouble()).isEqualTo(com[i][1]);
                }
            }
        }

        JsonNode frames = doc.get("frames");
        assertThat(frames).hasSize(clip.frames().size());
        for (int i = 0; i < frames.size(); i++) {
            PoseFrame f = clip.frames().get(i);
            JsonNode fn = frames.get(i);
            assertThat(fn.get("index").asInt()).isEqualTo(f.index());
            assertThat(fn.get("timeMs").asLong()).isEqualTo(f.timeMs());
            assertThat(fn.get("people")).hasSize(f.people().size());
            for (int p = 0; p < f.people().size(); p++) {
                PersonPose person = f.people().get(p);
                JsonNode pn = fn.get("people").get(p);
                assertThat(pn.get("id").asInt()).isEqualTo(person.id());
                for (int l = 0; l < 33; l++) {
                    JsonNode lm = pn.get("landmarks").get(l);
                    assertThat(lm).hasSize(5);
                    assertThat((float) lm.get(0).asDouble()).isEqualTo(person.landmarks().get(l).x());
                    assertThat((float) lm.get(3).asDouble()).isEqualTo(person.landmarks().get(l).visibility());
                    assertThat((float) pn.get("worldLandmarks").get(l).get(2).asDouble())
                            .isEqualTo(person.worldLandmarks().get(l).z());
                }
            }
        }
    }

    @Test
    void trcFollowsTheTrackRowColumnLayout(@TempDir Path dir) throws Exception {
        int id = clip.mainPersonId();
        Path file = dir.resolve("cyclist.trc");
        TrcWriter.write(clip, id, TrcWriter.Units.MM, file);
        Trc trc = Trc.parse(Files.readAllLines(file));
        assertThat(trc.pathFileType()).containsExactly("PathFileType", "4", "(X/Y/Z)", "cyclist.trc");
        assertThat(trc.header()).containsEntry("Units", "mm").containsEntry("NumMarkers", "33")
                .containsEntry("NumFrames", Integer.toString(clip.frames().size()))
                .containsEntry("OrigNumFrames", Integer.toString(clip.frames().size()))
                .containsEntry("OrigDataStartFrame", Integer.toString(clip.frames().get(0).index() + 1));
        assertThat(Double.parseDouble(trc.header().get("DataRate"))).isCloseTo(clip.fps(), within(1e-6));
        assertThat(Double.parseDouble(trc.header().get("CameraRate"))).isCloseTo(clip.fps(), within(1e-6));
        assertThat(trc.markers()).hasSize(33);
        assertThat(trc.markers().get(0)).isEqualTo("nose");
        assertThat(trc.markers().get(32)).isEqualTo("right_foot_index");
        assertThat(trc.rows()).hasSize(clip.frames().size());
        int values = 0;
        int empty = 0;
        for (int i = 0; i < trc.rows().size(); i++) {
            String[] row = trc.rows().get(i);
            PoseFrame f = clip.frames().get(i);
            assertThat(row).hasSize(2 + 33 * 3);
            assertThat(Integer.parseInt(row[0])).isEqualTo(i + 1);
            assertThat(Double.parseDouble(row[1])).isCloseTo(f.timeMs() / 1000.0, within(1e-9));
            PersonPose p = f.person(id);
            for (int m = 0; m < 33; m++) {
                String x = row[2 + m * 3];
                if (p == null || p.landmarks().get(m).visibility() < Kinematics.DEFAULT_MIN_VISIBILITY) {
                    assertThat(x).isEmpty();
                    assertThat(row[3 + m * 3]).isEmpty();
                    empty++;
                    continue;
                }
                Landmark w = p.worldLandmarks().get(m);
                // Y up and Z towards the camera (OpenSim), millimetres
                assertThat(Double.parseDouble(x)).isCloseTo(w.x() * 1000.0, within(1e-5));
                assertThat(Double.parseDouble(row[3 + m * 3])).isCloseTo(-w.y() * 1000.0, within(1e-5));
                assertThat(Double.parseDouble(row[4 + m * 3])).isCloseTo(-w.z() * 1000.0, within(1e-5));
                values++;
            }
        }
        assertThat(values).isGreaterThan(33);
        System.out.println("TRC: " + values + " marker positions, " + empty + " empty");
        // the head is above the hips: Y up
        int headRow = -1;
        for (int i = 0; i < clip.frames().size() && headRow < 0; i++) {
            PersonPose p = clip.frames().get(i).person(id);
            if (p != null && p.landmarks().get(0).visibility() >= 0.5) {
                headRow = i;
            }
        }
        assertThat(headRow).isNotNegative();
        assertThat(Double.parseDouble(trc.rows().get(headRow)[3])).isPositive();
    }

    @Test
    void trcInMetresScalesAndDeclaresIt() throws Exception {
        int id = clip.mainPersonId();
        StringWriter out = new StringWriter();
        TrcWriter.write(clip, id, TrcWriter.Units.M, 0.0, "x.trc", out);
        Trc trc = Trc.parse(out.toString().lines().toList());
        assertThat(trc.header()).containsEntry("Units", "m");
        for (int i = 0; i < clip.frames().size(); i++) {
            PersonPose p = clip.frames().get(i).person(id);
            if (p != null) {
                // threshold 0: every marker of a found person has a value
                assertThat(Double.parseDouble(trc.rows().get(i)[2 + 3 * 25])).isCloseTo(p.worldLandmarks().get(25).x(),
                        within(1e-6));
            }
        }
    }

    /** A TRC reader by the format's structure (tab-separated; see TrcWriter's description). */
    record Trc(List<String> pathFileType, Map<String, String> header, List<String> markers, List<String[]> rows) {

        static Trc parse(List<String> lines) {
            List<String> first = List.of(lines.get(0).split("\t", -1));
            String[] names = lines.get(1).split("\t", -1);
            String[] values = lines.get(2).split("\t", -1);
            assertThat(values).hasSameSizeAs(names);
            Map<String, String> header = new java.util.LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                header.put(names[i], values[i]);
            }
            String[] markerLine = lines.get(3).split("\t", -1);
            assertThat(markerLine[0]).isEqualTo("Frame#");
            assertThat(markerLine[1]).isEqualTo("Time");
            List<String> markers = new ArrayList<>();
            for (int i = 2; i < markerLine.length; i += 3) {
                markers.add(markerLine[i]);
                assertThat(markerLine[i + 1]).isEmpty();
                assertThat(markerLine[i + 2]).isEmpty();
            }
            String[] axes = lines.get(4).split("\t", -1);
            assertThat(axes[0]).isEmpty();
            assertThat(axes[1]).isEmpty();
            for (int m = 0; m < markers.size(); m++) {
                assertThat(axes[2 + 3 * m]).isEqualTo("X" + (m + 1));
                assertThat(axes[3 + 3 * m]).isEqualTo("Y" + (m + 1));
                assertThat(axes[4 + 3 * m]).isEqualTo("Z" + (m + 1));
            }
            assertThat(lines.get(5)).isEmpty();
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(6, lines.size())) {
                rows.add(line.split("\t", -1));
            }
            assertThat(rows).hasSize(Integer.parseInt(header.get("NumFrames")));
            return new Trc(first, header, markers, rows);
        }
    }
}
