package com.skillmirror.landmarks;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The landmark series of one video (or of a run of its frames): what the pose step writes and the later stages read.
 * Frames are in index order at the analysis frame rate; a frame with no people is a gap, never zeros.
 * Stored as a compact gzip'd binary (see {@link #write}); a whole series is the concatenation of its chunks.
 *
 * @param model pose model used (lite/full/heavy)
 * @param fps analysis frames per second
 * @param width frame width in pixels (landmarks are normalised to it)
 * @param height frame height in pixels
 */
public record PoseSeries(String model, double fps, int width, int height, List<PoseFrame> frames) {

    private static final int MAGIC = 0x534d5053; // "SMPS"
    private static final short VERSION = 1;

    public PoseSeries {
        frames = List.copyOf(frames);
    }

    /** Track ids seen anywhere in the series, ascending. */
    public List<Integer> personIds() {
        TreeSet<Integer> ids = new TreeSet<>();
        frames.forEach(f -> f.people().forEach(p -> ids.add(p.id())));
        return List.copyOf(ids);
    }

    /** One person's poses frame by frame; null where the person was not found. */
    public List<PersonPose> track(int personId) {
        List<PersonPose> out = new ArrayList<>(frames.size());
        frames.forEach(f -> out.add(f.person(personId)));
        return out;
    }

    /**
     * The largest and most central person over time, or -1 when nobody was found. Not who the athlete is: the pose
     * stage chooses that ({@code pose.athlete.AthleteSelector}: the coach's point, else the person who performs the
     * skill's movement) and records it as {@code PoseResult.mainPersonId}, which every stage after pose reads. This
     * remains for a series with no analysis around it (tests, a pattern made from a bare series).
     */
    public int mainPersonId() {
        List<List<PersonPose>> perFrame = new ArrayList<>();
        frames.forEach(f -> perFrame.add(f.people()));
        return mainPerson(perFrame);
    }

    /**
     * Picks the main person of a multi-person video: the track id with the largest sum over frames of
     * (landmark box area x centrality), where centrality is 1 at the image centre falling to 0.25 at the edges.
     * Returns -1 if no person appears.
     */
    public static int mainPerson(List<List<PersonPose>> frames) {
        Map<Integer, Double> weight = new HashMap<>();
        for (List<PersonPose> frame : frames) {
            for (PersonPose p : frame) {
                float[] b = p.landmarkBounds();
                double x0 = Math.max(0, b[0]), y0 = Math.max(0, b[1]);
                double x1 = Math.min(1, b[2]), y1 = Math.min(1, b[3]);
                if (x1 <= x0 || y1 <= y0) {
                    continue;
                }
                double area = (x1 - x0) * (y1 - y0);
                double cx = (x0 + x1) / 2 - 0.5;
                double cy = (y0 + y1) / 2 - 0.5;
                double dist = Math.min(1, Math.sqrt(cx * cx + cy * cy) / Math.sqrt(0.5));
                double centrality = 1 - 0.75 * dist;
                weight.merge(p.id(), area * centrality, Double::sum);
            }
        }
        return weight.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    /** Joins chunks of one video into one series, in frame order; a frame present twice is kept once. */
    public static PoseSeries concat(List<PoseSeries> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("No pose series to join");
        }
        PoseSeries first = parts.get(0);
        List<PoseFrame> frames = new ArrayList<>();
        parts.forEach(p -> frames.addAll(p.frames()));
        frames.sort(Comparator.comparingInt(PoseFrame::index));
        List<PoseFrame> unique = new ArrayList<>(frames.size());
        for (PoseFrame f : frames) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).index() != f.index()) {
                unique.add(f);
            }
        }
        return new PoseSeries(first.model(), first.fps(), first.width(), first.height(), unique);
    }

    public void write(OutputStream target) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 16);
        DataOutputStream out = new DataOutputStream(gzip);
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
        out.writeUTF(model);
        out.writeDouble(fps);
        out.writeInt(width);
        out.writeInt(height);
        out.writeInt(frames.size());
        for (PoseFrame frame : frames) {
            out.writeInt(frame.index());
            out.writeLong(frame.timeMs());
            out.writeShort(frame.people().size());
            for (PersonPose p : frame.people()) {
                out.writeInt(p.id());
                out.writeFloat(p.score());
                RoiBox b = p.box();
                out.writeBoolean(b != null);
                if (b != null) {
                    out.writeFloat(b.xCenter());
                    out.writeFloat(b.yCenter());
                    out.writeFloat(b.width());
                    out.writeFloat(b.height());
                    out.writeFloat(b.rotation());
                }
                writeLandmarks(out, p.landmarks());
                writeLandmarks(out, p.worldLandmarks());
            }
        }
        out.flush();
        gzip.finish();
    }

    public static PoseSeries read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(source, 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IOException("Not a SkillMirror pose series");
        }
        short version = in.readShort();
        if (version != VERSION) {
            throw new IOException("Pose series version " + version + " is not supported (expected " + VERSION + ")");
        }
        String model = in.readUTF();
        double fps = in.readDouble();
        int width = in.readInt();
        int height = in.readInt();
        int count = in.readInt();
        List<PoseFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = in.readInt();
            long timeMs = in.readLong();
            int people = in.readShort();
            List<PersonPose> list = new ArrayList<>(people);
            for (int k = 0; k < people; k++) {
                int id = in.readInt();
                float score = in.readFloat();
                RoiBox box = in.readBoolean()
                        ? new RoiBox(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat())
                        : null;
                list.add(new PersonPose(id, score, readLandmarks(in), readLandmarks(in), box));
            }
            frames.add(new PoseFrame(index, timeMs, list));
        }
        return new PoseSeries(model, fps, width, height, frames);
    }

    private static void writeLandmarks(DataOutputStream out, List<Landmark> landmarks) throws IOException {
        out.writeShort(landmarks.size());
        for (Landmark l : landmarks) {
            out.writeFloat(l.x());
            out.writeFloat(l.y());
            out.writeFloat(l.z());
            out.writeFloat(l.visibility());
            out.writeFloat(l.presence());
        }
    }

    private static List<Landmark> readLandmarks(DataInputStream in) throws IOException {
        int n = in.readShort();
        List<Landmark> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Landmark(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat()));
        }
        return list;
    }
}
