package com.skillmirror.expert;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference movement of one skill: per feature, the mean curve over normalised time (samples 0..n-1 span the
 * movement) and its spread (standard deviation across the takes, per sample), plus the skill's events located on
 * the mean curve. Identified by the SHA-256 of its canonical bytes ({@link #canonicalBytes()}), so a stored result
 * can name exactly which pattern it was compared with. Make one with {@code compare.PatternBuilder}.
 *
 * @param skillVersion the skill definition version the pattern was built for
 * @param expert       VIDEO patterns: who; PUBLISHED_NORM: null
 * @param citation     PUBLISHED_NORM patterns: the cited source; VIDEO: null
 * @param durationMs   mean duration of the takes (the tempo reference)
 * @param dominantSide the side that moves more in the pattern ("right" after normalisation, or "none")
 * @param events       event id to normalised time in [0, 1]
 * @param takes        how many takes were averaged
 */
public record ExpertPattern(String skillId, int skillVersion, String contentHash, PatternSource source,
        ExpertProfile expert, String citation, List<Curve> curves, Map<String, Double> events, double durationMs,
        String dominantSide, int takes) {

    /** One feature's mean curve and spread, same number of samples for every feature. */
    public record Curve(String feature, double[] mean, double[] spread) {
    }

    public ExpertPattern {
        curves = List.copyOf(curves);
        events = events == null ? Map.of() : new TreeMap<>(events);
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("A pattern needs at least one curve");
        }
        int n = curves.get(0).mean().length;
        for (Curve c : curves) {
            if (c.mean().length != n || c.spread().length != n) {
                throw new IllegalArgumentException("Curve " + c.feature() + " does not have " + n + " samples");
            }
        }
        if (source == PatternSource.VIDEO && (expert == null || expert.name() == null || expert.footageLicence() == null)) {
            throw new IllegalArgumentException("A VIDEO pattern needs the expert's name and the footage licence");
        }
        if (source == PatternSource.PUBLISHED_NORM && (citation == null || expert != null)) {
            throw new IllegalArgumentException("A PUBLISHED_NORM pattern cites its source and names no expert");
        }
    }

    /** Builds the record with its content hash computed. */
    public static ExpertPattern create(String skillId, int skillVersion, PatternSource source, ExpertProfile expert,
            String citation, List<Curve> curves, Map<String, Double> events, double durationMs, String dominantSide,
            int takes) {
        ExpertPattern unhashed = new ExpertPattern(skillId, skillVersion, null, source, expert, citation, curves,
                events, durationMs, dominantSide, takes);
        return unhashed.withHash(sha256(unhashed.canonicalBytes()));
    }

    private ExpertPattern withHash(String hash) {
        return new ExpertPattern(skillId, skillVersion, hash, source, expert, citation, curves, events, durationMs,
                dominantSide, takes);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** The stored form (JSON). */
    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /**
     * Reads a stored pattern and checks its hash: a pattern whose content does not match its hash (edited or
     * damaged) is refused, since results name patterns by hash.
     */
    public static ExpertPattern fromJson(String json) {
        ExpertPattern p = JSON.readValue(json, ExpertPattern.class);
        if (!p.hashMatches()) {
            throw new IllegalArgumentException("Pattern " + p.id() + ": content does not match its SHA-256 "
                    + p.contentHash());
        }
        return p;
    }

    /** A short id for logs and URLs: skill id and the first 12 hex digits of the hash. */
    public String id() {
        return skillId + "@" + (contentHash == null ? "unhashed" : contentHash.substring(0, 12));
    }

    public int samples() {
        return curves.get(0).mean().length;
    }

    public List<String> features() {
        return curves.stream().map(Curve::feature).toList();
    }

    public Curve curve(String feature) {
        return curves.stream().filter(c -> c.feature().equals(feature)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Pattern " + id() + " has no curve " + feature));
    }

    /** True when the stored hash is the hash of the content (a pattern read back from storage is intact). */
    public boolean hashMatches() {
        return contentHash != null && contentHash.equals(sha256(canonicalBytes()));
    }

    /**
     * Every field except the hash, in a fixed order, numbers as their exact IEEE bits: the same content always
     * gives the same bytes whatever JSON formatting or map order it went through.
     */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("skillmirror-expert-pattern/1");
            out.writeUTF(skillId);
            out.writeInt(skillVersion);
            out.writeUTF(source.name());
            writeNullable(out, expert == null ? null : expert.name());
            writeNullable(out, expert == null ? null : expert.achievements());
            writeNullable(out, expert == null ? null : expert.credits());
            writeNullable(out, expert == null ? null : expert.footageLicence());
            writeNullable(out, citation);
            out.writeInt(curves.size());
            for (Curve c : curves) {
                out.writeUTF(c.feature());
                out.writeInt(c.mean().length);
                for (double v : c.mean()) {
                    out.writeDouble(v);
                }
                for (double v : c.spread()) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(events.size());
            for (Map.Entry<String, Double> e : new TreeMap<>(events).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.writeDouble(durationMs);
            writeNullable(out, dominantSide);
            out.writeInt(takes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
