package com.skillmirror.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Locates (and, on first use, unpacks) Vosk's small US English model, {@code vosk-model-small-en-us} by Alpha Cephei
 * (Apache-2.0; about 10 % WER on LibriSpeech test-clean by its README).
 *
 * <p>The model ships in the Maven Central package {@code com.alphacephei:vosk-model-en:0.3.45} (an Android archive
 * with the model under {@value #ENTRY_PREFIX}), which the build copies into the classes as {@value #RESOURCE}. Vosk
 * reads a model from a directory, so the archive's SHA-256 is checked against {@link #SHA256} and the model is
 * unpacked once into {@code ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/models/vosk-model-en-0.3.45/}: into a
 * temporary folder that is then moved into place, under a file lock, so concurrent JVMs are safe.
 *
 * <p>Override: system property {@value #DIR_PROPERTY} or environment variable {@value #DIR_ENV} names a directory
 * that already holds a Vosk model (another language or a larger English model); nothing is unpacked then.
 */
public final class VoskModel {

    public static final String VERSION = "0.3.45";
    public static final String DIR_PROPERTY = "skillmirror.speech.vosk-model-dir";
    public static final String DIR_ENV = "SKILLMIRROR_VOSK_MODEL";
    static final String RESOURCE = "vosk-model-en.aar";
    static final String ENTRY_PREFIX = "assets/model-en-us/";
    /** {@code sha256sum vosk-model-en-0.3.45.aar}: the pom's version and this checksum change together. */
    static final String SHA256 = "8a5792fccaf873b4745dbd1b3fe19d8a77a15898e806674020eea820424771cd";
    /** The unpacked model is 68 MB; anything far larger is not this archive. */
    private static final long MAX_UNPACKED_BYTES = 256L << 20;
    /** Files without which Vosk cannot load the model (acoustic model, features, decoding graph, i-vectors). */
    private static final List<String> REQUIRED = List.of("am/final.mdl", "conf/model.conf", "conf/mfcc.conf",
            "graph/HCLr.fst", "graph/Gr.fst", "ivector/final.ie");
    private static final Object PROVISIONING = new Object();

    private VoskModel() {
    }

    /** The model directory from the override if one is configured, else the cache, unpacking it when missing. */
    public static Path resolve() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(DIR_ENV);
        }
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override).toAbsolutePath();
            List<String> missing = missing(dir);
            if (!missing.isEmpty()) {
                throw new TranscriptionException("Vosk model files missing from " + dir + ": " + missing
                        + ". Point " + DIR_PROPERTY + " / " + DIR_ENV + " at an unpacked Vosk model, or unset it to"
                        + " use the English model SkillMirror ships");
            }
            return dir;
        }
        return provision(defaultCacheDir());
    }

    /** {@code ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/models/vosk-model-en-<version>}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("SKILLMIRROR_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "skillmirror");
        return base.resolve("models").resolve("vosk-model-en-" + VERSION);
    }

    /** Ensures {@code dir} holds the shipped model, unpacking it if needed, and returns it. */
    static Path provision(Path dir) {
        Path target = dir.toAbsolutePath();
        if (missing(target).isEmpty()) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            // a file lock keeps other JVMs out but throws for a second thread of this one, so threads queue first
            synchronized (PROVISIONING) {
                try (FileChannel lockChannel = FileChannel.open(target.resolveSibling(target.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockChannel.lock()) {
                    if (!missing(target).isEmpty()) { // another JVM may have finished meanwhile
                        unpack(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new TranscriptionException("Could not unpack the Vosk model into " + target + ": " + e.getMessage()
                    + ". Check that the directory is writable, or set " + DIR_PROPERTY + " / " + DIR_ENV
                    + " to an unpacked model", e);
        }
        List<String> missing = missing(target);
        if (!missing.isEmpty()) {
            throw new TranscriptionException("Vosk model still incomplete in " + target + " after unpacking: " + missing);
        }
        return target;
    }

    private static void unpack(Path target) throws IOException {
        Path work = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
        try {
            Path archive = work.resolve(RESOURCE);
            copyVerified(archive);
            Path model = work.resolve("model");
            long total = 0;
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                for (ZipEntry e : zip.stream().toList()) {
                    if (e.isDirectory() || !e.getName().startsWith(ENTRY_PREFIX)) {
                        continue;
                    }
                    Path out = model.resolve(e.getName().substring(ENTRY_PREFIX.length())).normalize();
                    if (!out.startsWith(model)) {
                        throw new IOException("archive entry outside the model folder: " + e.getName());
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        total += Files.copy(in, out);
                    }
                    if (total > MAX_UNPACKED_BYTES) {
                        throw new IOException("the model archive unpacks to more than " + (MAX_UNPACKED_BYTES >> 20)
                                + " MB");
                    }
                }
            }
            if (!missing(model).isEmpty()) {
                throw new IOException(RESOURCE + " has no complete model under " + ENTRY_PREFIX + ": missing "
                        + missing(model));
            }
            deleteRecursively(target); // a partial folder left by someone else
            try {
                Files.move(model, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(model, target);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    /** Copies the shipped archive to {@code dest}, checking its SHA-256 on the way. */
    private static void copyVerified(Path dest) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream res = VoskModel.class.getResourceAsStream(RESOURCE)) {
            if (res == null) {
                throw new IOException(RESOURCE + " is not on the classpath (the build copies it from"
                        + " com.alphacephei:vosk-model-en:" + VERSION + ")");
            }
            try (InputStream in = new DigestInputStream(res, sha); OutputStream out = Files.newOutputStream(dest)) {
                in.transferTo(out);
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(SHA256)) {
            throw new IOException(RESOURCE + " has SHA-256 " + actual + ", expected " + SHA256
                    + " (com.alphacephei:vosk-model-en:" + VERSION + ")");
        }
    }

    static List<String> missing(Path dir) {
        return REQUIRED.stream().filter(f -> !isNonEmptyFile(dir.resolve(f))).toList();
    }

    private static boolean isNonEmptyFile(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
