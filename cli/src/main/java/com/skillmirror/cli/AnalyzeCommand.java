package com.skillmirror.cli;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import com.skillmirror.upload.AthletePoint;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadRejectedException;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import com.skillmirror.upload.VideoStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * `skillmirror analyze`: one upload of the given files, run on this machine, a report.json per video. Made by the
 * job context's bean factory, which gives it the beans below; {@link #onProgress} is registered as a listener.
 */
class AnalyzeCommand {

    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg",
            "mpeg", "wmv", "flv", "3gp", "ts", "mts", "ogv");

    /** @param athleteAt who the athlete is when several people are in view (a point on the thumbnail), or null */
    record Options(String skill, String athlete, Path out, List<Path> inputs, AthletePoint athleteAt) {

        Options(String skill, String athlete, Path out, List<Path> inputs) {
            this(skill, athlete, out, inputs, null);
        }

        static Options parse(String[] args) {
            String skill = null;
            String athlete = null;
            AthletePoint athleteAt = null;
            Path out = Path.of("skillmirror-out");
            List<Path> inputs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--skill" -> skill = value(args, ++i, a);
                    case "--athlete" -> athlete = value(args, ++i, a);
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--athlete-at" -> athleteAt = athletePoint(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new Cli.UsageException("unknown option " + a);
                        }
                        inputs.add(Path.of(a));
                    }
                }
            }
            if (inputs.isEmpty()) {
                throw new Cli.UsageException("give at least one video file or folder");
            }
            return new Options(skill, athlete, out, inputs, athleteAt);
        }

        private static AthletePoint athletePoint(String text) {
            try {
                return AthletePoint.parse(text);
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageException("--athlete-at: " + e.getMessage());
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new Cli.UsageException(option + " needs a value");
            }
            return args[i];
        }
    }

    private final UploadService uploads;
    private final AnalysisLauncher launcher;
    private final VideoRepository videos;
    private final AnalysisResults results;
    private final StageResults stages;
    private final ObjectStorage storage;
    private final JsonMapper json;
    private final Map<UUID, String> names = new ConcurrentHashMap<>();
    private final ProgressLines lines = new ProgressLines();
    /** Set while {@link #run} runs: progress has nowhere to go before or after. */
    private volatile PrintStream out;

    AnalyzeCommand(UploadService uploads, AnalysisLauncher launcher, VideoRepository videos, AnalysisResults results,
                   StageResults stages, ObjectStorage storage, JsonMapper json) {
        this.uploads = uploads;
        this.launcher = launcher;
        this.videos = videos;
        this.results = results;
        this.stages = stages;
        this.storage = storage;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    int run(Options options, PrintStream out) {
        this.out = out;
        List<Path> leftOut = new ArrayList<>();
        List<Path> files = expand(options.inputs(), leftOut);
        if (!leftOut.isEmpty()) {
            out.println(leftOutNote(leftOut));
        }
        if (files.isEmpty()) {
            out.println("No video files found in " + options.inputs());
            return 2;
        }
        List<IncomingFile> incoming = new ArrayList<>();
        for (Path file : files) {
            incoming.add(new IncomingFile(file.getFileName().toString(), sizeOf(file), () -> Files.newInputStream(file),
                    options.athlete(), options.skill()).withAthletePoint(options.athleteAt()));
        }
        UploadService.Created upload;
        try {
            upload = uploads.create(incoming);
        } catch (UploadRejectedException e) {
            out.println("Upload refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("Could not store the videos: " + e.getMessage());
            return 1;
        }
        upload.videos().forEach(v -> names.put(v.id(), v.originalName()));
        out.println("Analysing " + files.size() + " video(s), upload " + upload.uploadId());
        try {
            launcher.run(upload.uploadId());
        } catch (Exception e) {
            out.println("The analysis job could not run: " + e.getMessage());
            return 1;
        }
        try {
            return writeReports(upload.uploadId(), options.out());
        } finally {
            this.out = null;
        }
    }

    private int writeReports(UUID uploadId, Path outDir) {
        int failed = 0;
        Set<String> used = new HashSet<>();
        out.println();
        for (Video video : videos.findByUpload(uploadId)) {
            Path dir = outDir.resolve(uniqueDirName(video.originalName(), used));
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("report.json"), json.writeValueAsString(results.video(video)));
                copyExports(video, dir);
            } catch (IOException e) {
                out.println("Could not write " + dir.resolve("report.json") + ": " + e.getMessage());
                failed++;
                continue;
            }
            if (video.status() == VideoStatus.FAILED) {
                failed++;
                out.println("FAILED  " + video.originalName() + " [" + video.failedStage() + "]: " + video.errorMessage());
            } else {
                out.println("OK      " + video.originalName() + " -> " + dir.resolve("report.json"));
            }
        }
        try {
            Path html = outDir.resolve(UploadArtifact.TEAM_REPORT_HTML.fileName());
            Path pdf = outDir.resolve(UploadArtifact.TEAM_REPORT_PDF.fileName());
            storage.download(StorageKeys.uploadArtifact(uploadId, UploadArtifact.TEAM_REPORT_HTML), html);
            storage.download(StorageKeys.uploadArtifact(uploadId, UploadArtifact.TEAM_REPORT_PDF), pdf);
            out.println("Team report: " + html + " and " + pdf);
        } catch (IOException e) {
            out.println("The team report could not be written: " + e.getMessage());
        }
        out.println(failed == 0 ? "All videos analysed." : failed + " video(s) failed (see above).");
        return failed == 0 ? 0 : 1;
    }

    /** The exports (reports, landmarks, key frames, overlay, speech) beside report.json, named as in storage. */
    private void copyExports(Video video, Path dir) throws IOException {
        for (Artifact artifact : Artifact.exports()) {
            Optional<String> key = stages.key(video.id(), artifact);
            if (key.isPresent()) {
                Path target = dir.resolve(artifact.fileName());
                Files.createDirectories(target.getParent());
                storage.download(key.get(), target);
            }
        }
    }

    /**
     * One line per video and sub-step at its start, each quarter and its end (a failure always), with the estimates
     * of the video and the upload; the team report's lines are the upload's.
     */
    void onProgress(ProgressEvent event) {
        PrintStream out = this.out;
        if (out == null || event.uploadId() == null
                || event.videoId() == null && !ProgressEvent.PROGRESS.equals(event.type())) {
            return;
        }
        String line = lines.line(event, event.videoId() == null ? "(upload)"
                : names.getOrDefault(event.videoId(), event.videoId().toString()));
        if (line == null) {
            return;
        }
        synchronized (this) {
            out.println(line);
        }
    }

    /** The lines of progress: one per video and sub-step at its start, each quarter and its end, failures always. */
    static final class ProgressLines {

        private final Map<String, Integer> shown = new ConcurrentHashMap<>();

        /** The line for this event, or null when its quarter was shown already. */
        synchronized String line(ProgressEvent event, String name) {
            boolean error = ProgressEvent.ERROR.equals(event.type());
            String step = event.step() == null ? event.stage() : event.step();
            String key = event.videoId() + "/" + step;
            int quarter = error ? 101 : event.percent() / 25 * 25;
            Integer previous = shown.get(key);
            if (previous != null && previous >= quarter) {
                return null;
            }
            shown.put(key, quarter);
            return String.format(Locale.ROOT, "  %-7s %-30.30s %-10.10s [%-20s] %3d%%  ETA %s (upload %s)%s",
                    event.stage(), name, step, "#".repeat(event.percent() / 5), event.percent(),
                    duration(event.etaSeconds()), duration(event.uploadEtaSeconds()),
                    error ? "  error: " + event.message() : "");
        }

        /** m:ss, or h:mm:ss from an hour on. */
        static String duration(long seconds) {
            long s = Math.max(0, seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }

    /**
     * The files to analyse, each once: each file named, and the files in each folder named (and below it) whose names
     * say they are videos; the other files of those folders go to {@code leftOut} (hidden files are not counted).
     */
    static List<Path> expand(List<Path> inputs, List<Path> leftOut) {
        Map<Path, Path> files = new LinkedHashMap<>();
        Map<Path, Path> others = new LinkedHashMap<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                            .forEach(p -> (looksLikeVideo(p) ? files : others).putIfAbsent(identity(p), p));
                } catch (IOException e) {
                    throw new Cli.UsageException("cannot read folder " + input + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(input)) {
                files.putIfAbsent(identity(input), input);
            } else {
                throw new Cli.UsageException("no such file or folder: " + input);
            }
        }
        others.keySet().removeAll(files.keySet());
        leftOut.addAll(others.values());
        return List.copyOf(files.values());
    }

    private static Path identity(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Which files of the folders were not taken, so that a photo or a clip with an unusual name is not lost silently. */
    static String leftOutNote(List<Path> leftOut) {
        List<String> names = leftOut.stream().map(p -> p.getFileName().toString()).toList();
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), 10)))
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
        return "Left out " + names.size() + " file(s) of the folder(s) whose names are not those of videos ("
                + String.join(", ", VIDEO_EXTENSIONS.stream().sorted().toList()) + "): " + shown
                + ". Name a file itself to analyse it anyway; photos: skillmirror pose PHOTO.";
    }

    private static boolean looksLikeVideo(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new Cli.UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String uniqueDirName(String originalName, Set<String> used) {
        String base = StorageKeys.safeFileName(originalName);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
