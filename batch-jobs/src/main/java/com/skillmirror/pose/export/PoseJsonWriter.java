package com.skillmirror.pose.export;

import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.Skeleton;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.landmarks.RoiBox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON: one document with {@code format} ("skillmirror-pose"), {@code version} (1), {@code metadata} (model, fps,
 * frame size, frame count, person ids, landmark names, skeleton bones, units, angle conventions), {@code kinematics}
 * (per person: space, visibility threshold, each angle's and angular velocity's series, centre of mass per frame) and
 * {@code frames} (index, timeMs, and per person found: id, score, ROI, 33 image landmarks as
 * {@code [x, y, z, visibility, presence]}, 33 world landmarks as {@code [x, y, z]}). JSON has no NaN: gaps are null.
 * Written with Jackson's streaming generator, so a long series is not built in memory twice.
 */
public final class PoseJsonWriter {

    public static final String FORMAT = "skillmirror-pose";
    public static final int VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PoseJsonWriter() {
    }

    public static void write(PoseSeries series, List<KinematicSeries> kinematics, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(series, kinematics, out);
        }
    }

    /** Writes the document; the stream is flushed, not closed. */
    public static void write(PoseSeries series, List<KinematicSeries> kinematics, OutputStream out) {
        Columns.checkMatches(series, kinematics);
        try (JsonGenerator g = MAPPER.createGenerator(new NonClosing(out))) {
            g.writeStartObject();
            g.writeStringProperty("format", FORMAT);
            g.writeNumberProperty("version", VERSION);
            writeMetadata(g, series);
            g.writeArrayPropertyStart("kinematics");
            for (KinematicSeries k : kinematics) {
                writeKinematics(g, k);
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("frames");
            for (PoseFrame f : series.frames()) {
                writeFrame(g, f);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeMetadata(JsonGenerator g, PoseSeries series) {
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("model", series.model());
        g.writeNumberProperty("fps", series.fps());
        g.writeNumberProperty("width", series.width());
        g.writeNumberProperty("height", series.height());
        g.writeNumberProperty("frameCount", series.frames().size());
        g.writeArrayPropertyStart("personIds");
        for (int id : series.personIds()) {
            g.writeNumber(id);
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("landmarkNames");
        for (BodyLandmark b : BodyLandmark.values()) {
            g.writeString(b.key());
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("bones");
        for (Skeleton.Bone bone : Skeleton.BONES) {
            g.writeStartArray();
            g.writeNumber(bone.from().index());
            g.writeNumber(bone.to().index());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeObjectPropertyStart("units");
        g.writeStringProperty("timeMs", "milliseconds from the start of the video");
        g.writeStringProperty("landmarks", "x / frame width, y / frame height (0..1 inside the frame, y down); z relative"
                + " depth on the scale of x (smaller = nearer the camera); visibility and presence 0..1");
        g.writeStringProperty("worldLandmarks", "metres, origin between the hips, x right, y down, z away from the camera");
        g.writeStringProperty("angles", "degrees");
        g.writeStringProperty("velocities", "degrees per second");
        g.writeStringProperty("centreOfMass", "IMAGE space: like landmarks; WORLD space: like worldLandmarks");
        g.writeEndObject();
        g.writeStringProperty("angleConventions", "joint angles (*_angle): interior angle at the joint, 0..180,"
                + " 180 = straight; shoulder = trunk vs upper arm. Segment angles: signed vs the vertical (tilts: vs the"
                + " horizontal) of the picture, positive towards +x (tilts: left side higher), unwrapped over time."
                + " A value is null where the person is missing or a landmark it uses is less visible than the"
                + " threshold (default " + Kinematics.DEFAULT_MIN_VISIBILITY + ").");
        g.writeEndObject();
    }

    private static void writeKinematics(JsonGenerator g, KinematicSeries k) {
        g.writeStartObject();
        g.writeNumberProperty("personId", k.personId());
        g.writeStringProperty("space", k.space().name());
        g.writeNumberProperty("minVisibility", k.minVisibility());
        g.writeObjectPropertyStart("angles");
        for (String name : k.angleNames()) {
            g.writeName(name);
            writeSeries(g, k.angle(name));
        }
        g.writeEndObject();
        g.writeObjectPropertyStart("velocities");
        for (String name : k.angleNames()) {
            g.writeName(name);
            writeSeries(g, k.velocity(name));
        }
        g.writeEndObject();
        g.writeArrayPropertyStart("centreOfMass");
        for (double[] c : k.centreOfMass()) {
            if (Double.isNaN(c[0])) {
                g.writeNull();
            } else {
                writeSeries(g, c);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSeries(JsonGenerator g, double[] values) {
        g.writeStartArray();
        for (double v : values) {
            if (Double.isNaN(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndArray();
    }

    private static void writeFrame(JsonGenerator g, PoseFrame f) {
        g.writeStartObject();
        g.writeNumberProperty("index", f.index());
        g.writeNumberProperty("timeMs", f.timeMs());
        g.writeArrayPropertyStart("people");
        for (PersonPose p : f.people()) {
            g.writeStartObject();
            g.writeNumberProperty("id", p.id());
            g.writeNumberProperty("score", p.score());
            RoiBox box = p.box();
            if (box != null) {
                g.writeObjectPropertyStart("roi");
                g.writeNumberProperty("xCenter", box.xCenter());
                g.writeNumberProperty("yCenter", box.yCenter());
                g.writeNumberProperty("width", box.width());
                g.writeNumberProperty("height", box.height());
                g.writeNumberProperty("rotation", box.rotation());
                g.writeEndObject();
            }
            g.writeArrayPropertyStart("landmarks");
            for (Landmark l : p.landmarks()) {
                g.writeStartArray();
                g.writeNumber(l.x());
                g.writeNumber(l.y());
                g.writeNumber(l.z());
                g.writeNumber(l.visibility());
                g.writeNumber(l.presence());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("worldLandmarks");
            for (Landmark l : p.worldLandmarks()) {
                g.writeStartArray();
                g.writeNumber(l.x());
                g.writeNumber(l.y());
                g.writeNumber(l.z());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Lets the generator close itself without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
