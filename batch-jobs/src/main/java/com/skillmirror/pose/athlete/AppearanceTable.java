package com.skillmirror.pose.athlete;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Appearances by (frame index, track id), as the pose stage measures them while the frames are decoded; stored beside
 * each landmark chunk (compact: each bin as a byte) and joined for the whole video before stitching.
 */
public final class AppearanceTable {

    private static final int MAGIC = 0x534d4150; // "SMAP"
    private static final short VERSION = 1;

    private final Map<Long, Appearance> byFrameAndTrack = new HashMap<>();

    public void put(int frameIndex, int trackId, Appearance appearance) {
        if (appearance != null && !appearance.isEmpty()) {
            byFrameAndTrack.put(key(frameIndex, trackId), appearance);
        }
    }

    /** Measures and adds every person of one frame ({@code rgb} packed RGB24, {@code width} x {@code height}). */
    public void measure(int frameIndex, byte[] rgb, int width, int height, List<com.skillmirror.landmarks.PersonPose> people) {
        for (com.skillmirror.landmarks.PersonPose p : people) {
            put(frameIndex, p.id(), Appearance.measure(rgb, width, height, p));
        }
    }

    /** The appearance of that track in that frame, or null when it was not measured (hidden, too small). */
    public Appearance get(int frameIndex, int trackId) {
        return byFrameAndTrack.get(key(frameIndex, trackId));
    }

    public void putAll(AppearanceTable other) {
        byFrameAndTrack.putAll(other.byFrameAndTrack);
    }

    /** The entries of these frames only, e.g. one committed chunk's. */
    public AppearanceTable frames(int firstFrame, int lastFrame) {
        AppearanceTable out = new AppearanceTable();
        byFrameAndTrack.forEach((k, v) -> {
            int frame = (int) (k >> 32);
            if (frame >= firstFrame && frame <= lastFrame) {
                out.byFrameAndTrack.put(k, v);
            }
        });
        return out;
    }

    /** Forgets frames up to and including this one (they were written). */
    public void removeUpTo(int lastFrame) {
        byFrameAndTrack.keySet().removeIf(k -> (int) (k >> 32) <= lastFrame);
    }

    public int size() {
        return byFrameAndTrack.size();
    }

    private static long key(int frameIndex, int trackId) {
        return ((long) frameIndex << 32) | (trackId & 0xffffffffL);
    }

    public void write(OutputStream target) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 14);
        DataOutputStream out = new DataOutputStream(gzip);
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
        out.writeInt(byFrameAndTrack.size());
        for (Map.Entry<Long, Appearance> e : byFrameAndTrack.entrySet()) {
            out.writeLong(e.getKey());
            writeHistogram(out, e.getValue().torso());
            writeHistogram(out, e.getValue().legs());
        }
        out.flush();
        gzip.finish();
    }

    public static AppearanceTable read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(source, 1 << 14));
        if (in.readInt() != MAGIC) {
            throw new IOException("Not a SkillMirror appearance table");
        }
        short version = in.readShort();
        if (version != VERSION) {
            throw new IOException("Appearance table version " + version + " is not supported (expected " + VERSION + ")");
        }
        AppearanceTable table = new AppearanceTable();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            long key = in.readLong();
            table.byFrameAndTrack.put(key, new Appearance(readHistogram(in), readHistogram(in)));
        }
        return table;
    }

    /** Joins the tables of a video's chunks. */
    public static AppearanceTable join(List<AppearanceTable> parts) {
        AppearanceTable out = new AppearanceTable();
        parts.forEach(out::putAll);
        return out;
    }

    /** A histogram as 64 bytes (each bin x 255, rounded; 1/255 is finer than frame-to-frame noise), or a 0 flag. */
    private static void writeHistogram(DataOutputStream out, float[] h) throws IOException {
        out.writeBoolean(h != null);
        if (h != null) {
            for (float v : h) {
                out.writeByte(Math.round(Math.max(0, Math.min(1, v)) * 255));
            }
        }
    }

    private static float[] readHistogram(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        float[] h = new float[Appearance.BINS];
        float sum = 0;
        for (int i = 0; i < h.length; i++) {
            h[i] = (in.readByte() & 0xff) / 255f;
            sum += h[i];
        }
        if (sum > 0) {
            for (int i = 0; i < h.length; i++) {
                h[i] /= sum;
            }
        }
        return h;
    }

    List<Long> keys() {
        return new ArrayList<>(byFrameAndTrack.keySet());
    }
}
