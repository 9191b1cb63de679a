package com.skillmirror.kinematics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The stored form of a video's people's {@link KinematicSeries}: computed once from the landmark series by the pose
 * stage, read by the later stages. A gzip'd binary of the exact doubles (gaps stay NaN), so what a reader gets is
 * what {@link Kinematics#of} returned; velocities are derived again on reading, as when computed.
 */
public final class KinematicsFile {

    private static final int MAGIC = 0x534d4b53; // "SMKS"
    private static final short VERSION = 1;

    private KinematicsFile() {
    }

    public static byte[] write(List<KinematicSeries> people) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeInt(people.size());
            for (KinematicSeries k : people) {
                write(out, k);
            }
        }
        return bytes.toByteArray();
    }

    public static List<KinematicSeries> read(byte[] stored) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(stored), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("Not a SkillMirror kinematics file");
            }
            short version = in.readShort();
            if (version != VERSION) {
                throw new IOException("Kinematics file version " + version + " is not supported (expected " + VERSION
                        + ")");
            }
            int count = in.readInt();
            List<KinematicSeries> people = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                people.add(readOne(in));
            }
            return people;
        }
    }

    private static void write(DataOutputStream out, KinematicSeries k) throws IOException {
        out.writeInt(k.personId());
        out.writeUTF(k.space().name());
        out.writeDouble(k.fps());
        out.writeDouble(k.minVisibility());
        int n = k.size();
        out.writeInt(n);
        int[] frames = k.frameIndex();
        long[] times = k.timeMs();
        for (int i = 0; i < n; i++) {
            out.writeInt(frames[i]);
            out.writeLong(times[i]);
        }
        out.writeShort(k.angleNames().size());
        for (String name : k.angleNames()) {
            out.writeUTF(name);
            writeDoubles(out, k.angle(name));
        }
        double[][] com = k.centreOfMass();
        for (double[] point : com) {
            out.writeShort(point.length);
            writeDoubles(out, point);
        }
    }

    private static KinematicSeries readOne(DataInputStream in) throws IOException {
        int personId = in.readInt();
        Space space = Space.valueOf(in.readUTF());
        double fps = in.readDouble();
        double minVisibility = in.readDouble();
        int n = in.readInt();
        int[] frames = new int[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            frames[i] = in.readInt();
            times[i] = in.readLong();
        }
        int angleCount = in.readShort();
        Map<String, double[]> angles = new LinkedHashMap<>();
        for (int a = 0; a < angleCount; a++) {
            angles.put(in.readUTF(), readDoubles(in, n));
        }
        double[][] com = new double[n][];
        for (int i = 0; i < n; i++) {
            com[i] = readDoubles(in, in.readShort());
        }
        return new KinematicSeries(personId, space, fps, minVisibility, frames, times, angles, com);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
