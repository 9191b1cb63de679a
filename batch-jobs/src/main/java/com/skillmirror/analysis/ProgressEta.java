package com.skillmirror.analysis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Estimates how long each video and each upload still takes, from the progress events themselves, and keeps the
 * stream of events to at most four a second per video ({@link #apply} drops the rest, never a sub-step's first or
 * last event). Applied where events become application events (in-process, and the manager's listener of remote
 * workers' events), so the CLI and the portal get the same estimates.
 *
 * <p>The model: a sub-step under way will take as long again as it has taken per fraction done (its own rate, once
 * 5 % is done); a sub-step not started yet takes the video's length times that sub-step's seconds per second of
 * video, learned in this run from the sub-steps finished so far (a conservative default before any: a slow 2-core
 * machine's). The job's stages are barriers (every video is decoded before any is tracked, and so on), so a stage's
 * time for the upload is the longest video's, or all videos' work shared over the partition threads when that is
 * longer; a video's report is written when every stage before the report has ended for the whole upload.
 */
public final class ProgressEta {

    /** A video's length: its probed duration, or before decoding a guess from its size. */
    public record Length(UUID videoId, double seconds, boolean probed) {

        /** Before the probe: about 400 kB per second of video (a phone's 720p H.264). */
        public static Length of(UUID videoId, Long durationMs, long sizeBytes) {
            if (durationMs != null && durationMs > 0) {
                return new Length(videoId, durationMs / 1000.0, true);
            }
            return new Length(videoId, Math.max(1, Math.min(7200, sizeBytes / 400_000.0)), false);
        }
    }

    /** The sub-steps of one video in job order (pose segments are {@code pose/<first frame>}). */
    static final List<String> STEPS = List.of("probe", "proxy", "audio", "pose", "speech", "summary", "exports",
            "keyframes", "overlay", "compare", "report", "pdf");
    /**
     * Each sub-step's phase (a barrier): decode; pose beside speech; the pose summary beside the overlay video;
     * compare; report. The overlay goes on beside compare, the reports and the team report too
     * ({@link #overlayRemaining}): on a long clip it ends after them.
     */
    private static final int[] PHASE = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4};
    /**
     * Sub-steps that run beside a video's others (their own partitions, AnalysisJobConfiguration): their work shares
     * the partition threads, but they neither lengthen the video's chain nor tell how far along it is.
     */
    private static final boolean[] BESIDE = {false, false, false, false, true, false, false, false, true, false, false,
        false};
    private static final int OVERLAY = STEPS.indexOf("overlay");
    private static final int REPORT_PHASE = 4;
    private static final int PHASES = 5;
    /**
     * Wall seconds per second of video before anything was measured: issue 12's 60 s 720p clip on an older 2-core
     * EPYC (decode 28 s, pose 51 s, the rest 55 s), rounded up.
     */
    static final double[] PRIOR = {0.02, 0.5, 0.04, 0.9, 0.1, 0.1, 0.05, 0.05, 0.5, 0.05, 0.1, 0.15};
    /** Every sub-step's fixed cost (opening files, storing results), seconds. */
    private static final double FIXED_SECONDS = 0.3;
    /** The team report's sub-step (upload-level: no video). */
    public static final String TEAM_REPORT = "team-report";
    private static final int MAX_UPLOADS = 1000;

    private final Function<UUID, List<Length>> lengths;
    private final int parallelism;
    private final LongSupplier clock;
    private final double[] learned = PRIOR.clone();
    private final boolean[] measured = new boolean[STEPS.size()];
    private final Map<UUID, UploadState> uploads = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param lengths     an upload's videos and their lengths (asked when the upload is first seen and once more after
     *                    decoding; a failure counts as no videos)
     * @param parallelism the partition threads (or workers) the videos of a stage share
     */
    public ProgressEta(Function<UUID, List<Length>> lengths, int parallelism) {
        this(lengths, parallelism, System::currentTimeMillis);
    }

    ProgressEta(Function<UUID, List<Length>> lengths, int parallelism, LongSupplier clock) {
        this.lengths = lengths;
        this.parallelism = Math.max(1, parallelism);
        this.clock = clock;
    }

    /**
     * The event with its estimates, or null when it is dropped to keep a video's events to four a second. The
     * videos' lengths, when needed, are read before taking the lock (a query must not hold up every other event).
     */
    public ProgressEvent apply(ProgressEvent event) {
        if (event.uploadId() == null) {
            return event;
        }
        List<Length> found = needsLengths(event) ? read(event.uploadId()) : null;
        return apply(event, found);
    }

    /** Whether the upload is new, or this event starts its first stage after decoding while lengths are guesses. */
    private synchronized boolean needsLengths(ProgressEvent event) {
        UploadState upload = uploads.get(event.uploadId());
        if (upload == null) {
            return true;
        }
        if (event.videoId() == null || !ProgressEvent.PROGRESS.equals(event.type()) || event.step() == null) {
            return false;
        }
        int index = index(event.step());
        return index >= 0 && PHASE[index] > upload.phase && PHASE[index] >= 1 && !upload.probed;
    }

    private List<Length> read(UUID uploadId) {
        try {
            return lengths.apply(uploadId);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private synchronized ProgressEvent apply(ProgressEvent event, List<Length> found) {
        long now = clock.getAsLong();
        UploadState upload = upload(event.uploadId());
        if (found != null) {
            boolean decoded = event.videoId() != null && event.step() != null && index(event.step()) >= 0
                    && PHASE[index(event.step())] >= 1;
            for (VideoState video : upload.merge(found, decoded)) {
                // what it measured while its length was a guess counts now that the length is probed
                for (double[] m : video.pending) {
                    learn((int) m[0], m[1], video);
                }
                video.pending.clear();
            }
        }
        boolean boundary = true;
        if (event.videoId() != null) {
            VideoState video = upload.video(event.videoId());
            if (ProgressEvent.ERROR.equals(event.type())) {
                video.failed = true;
            }
            if (ProgressEvent.PROGRESS.equals(event.type()) && event.step() != null) {
                boundary = record(upload, video, event.step(), event.fraction(), now);
            }
            if (!boundary && now - video.lastEmittedMs < StepProgress.INTERVAL_MS) {
                return null;
            }
            video.lastEmittedMs = now;
        } else if (ProgressEvent.PROGRESS.equals(event.type()) && TEAM_REPORT.equals(event.step())) {
            upload.team = upload.team == null ? new Part(-1, now) : upload.team;
            upload.team.update(event.fraction(), now);
            upload.phase = PHASES;
        }
        ProgressEvent out;
        boolean ended = event.videoId() == null
                && (ProgressEvent.COMPLETE.equals(event.type()) || ProgressEvent.ERROR.equals(event.type()));
        if (ended) {
            uploads.remove(event.uploadId());
            out = event.withEta(0, 0);
        } else {
            long uploadEta = Math.round(uploadRemaining(upload, now));
            long videoEta = event.videoId() == null ? uploadEta
                    : Math.round(videoRemaining(upload, upload.video(event.videoId()), now));
            out = event.withEta(Math.min(videoEta, uploadEta), uploadEta);
        }
        return out;
    }

    /** @return whether the event starts or ends a sub-step (always sent) */
    private boolean record(UploadState upload, VideoState video, String step, double fraction, long now) {
        int index = index(step);
        if (index < 0) {
            return true;
        }
        if (PHASE[index] > upload.phase && !BESIDE[index]) {
            upload.phase = PHASE[index];
        }
        if (index > video.furthest && !BESIDE[index]) {
            learnPassedSegments(video, index);
            video.furthest = index;
        }
        Part part = video.parts.get(step);
        boolean boundary = part == null;
        if (part == null) {
            part = new Part(index, now);
            video.parts.put(step, part);
        }
        boolean wasDone = part.fraction >= 1;
        part.update(fraction, now);
        if (!wasDone && part.fraction >= 1) {
            boundary = true;
            if (!STEPS.get(index).equals("pose")) {
                learn(index, (now - part.startMs) / 1000.0, video);
            }
        }
        return boundary;
    }

    /** Pose runs in segments: its time is learnt once the video has gone past it, from the first start to the last end. */
    private void learnPassedSegments(VideoState video, int next) {
        int pose = STEPS.indexOf("pose");
        if (video.furthest <= pose && next > pose) {
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            for (Part p : video.parts.values()) {
                if (p.index == pose) {
                    start = Math.min(start, p.startMs);
                    end = Math.max(end, p.lastMs);
                }
            }
            if (start < end) {
                learn(pose, (end - start) / 1000.0, video);
            }
        }
    }

    private void learn(int index, double seconds, VideoState video) {
        if (video.length == null || !video.length.probed()) {
            // decode's sub-steps end before the probed duration is stored: kept until the lengths are read again
            video.pending.add(new double[] {index, seconds});
            return;
        }
        double perSecond = Math.max(0, seconds - FIXED_SECONDS) / video.length.seconds();
        learned[index] = measured[index] ? (learned[index] + perSecond) / 2 : perSecond;
        measured[index] = true;
    }

    private double uploadRemaining(UploadState upload, long now) {
        double longest = 0;
        double sum = 0;
        for (VideoState video : upload.videos.values()) {
            double overlay = overlayRemaining(upload, video, now);
            longest = Math.max(longest, overlay);
            sum += overlay;
        }
        return Math.max(chainRemaining(upload, now), Math.max(longest, sum / parallelism));
    }

    private double chainRemaining(UploadState upload, long now) {
        double total = 0;
        for (int phase = 0; phase < PHASES; phase++) {
            total += phaseRemaining(upload, phase, now);
        }
        double seconds = upload.videos.values().stream().mapToDouble(VideoState::seconds).sum();
        Part team = upload.team;
        double teamPrior = 1 + 0.01 * seconds;
        total += team == null ? teamPrior : team.remaining(teamPrior, now);
        return total;
    }

    private double videoRemaining(UploadState upload, VideoState video, long now) {
        double total = 0;
        for (int phase = 0; phase < REPORT_PHASE; phase++) {
            total += phaseRemaining(upload, phase, now);
        }
        total += upload.phase < REPORT_PHASE ? phaseRemaining(upload, REPORT_PHASE, now)
                : videoPhaseRemaining(upload, video, REPORT_PHASE, now, true);
        return Math.max(total, overlayRemaining(upload, video, now));
    }

    /**
     * The video's overlay once the chain has gone past the overlay's phase (before that, its phase counts it): what
     * its own rate leaves, the prior when it waits for a thread while other videos' overlays run, and nothing when no
     * overlay has started (the overlay video may be switched off).
     */
    private double overlayRemaining(UploadState upload, VideoState video, long now) {
        if (upload.phase <= PHASE[OVERLAY] || video.failed) {
            return 0;
        }
        double prior = FIXED_SECONDS + learned[OVERLAY] * video.seconds();
        for (Part p : video.parts.values()) {
            if (p.index == OVERLAY) {
                return p.remaining(prior, now);
            }
        }
        boolean overlaysRun = upload.videos.values().stream().anyMatch(v -> !v.hasNo(OVERLAY));
        return overlaysRun ? prior : 0;
    }

    /** The stage's time for the whole upload: 0 once a later stage has started (a barrier). */
    private double phaseRemaining(UploadState upload, int phase, long now) {
        if (phase < upload.phase) {
            return 0;
        }
        double longest = 0;
        double sum = 0;
        for (VideoState video : upload.videos.values()) {
            longest = Math.max(longest, videoPhaseRemaining(upload, video, phase, now, false));
            sum += videoPhaseRemaining(upload, video, phase, now, true);
        }
        return Math.max(longest, sum / parallelism);
    }

    /** @param beside with the sub-steps that run beside the video's chain (its work), or without (its chain) */
    private double videoPhaseRemaining(UploadState upload, VideoState video, int phase, long now, boolean beside) {
        if (video.failed && phase < REPORT_PHASE) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < STEPS.size(); i++) {
            if (PHASE[i] != phase || BESIDE[i] && !beside || i < video.furthest && video.hasNo(i)
                    || phase < upload.phase) {
                continue;
            }
            double prior = FIXED_SECONDS + learned[i] * video.seconds();
            double longest = -1;
            long firstStart = Long.MAX_VALUE;
            int parts = 0;
            for (Part p : video.parts.values()) {
                if (p.index == i) {
                    longest = Math.max(longest, i < video.furthest ? 0 : p.remaining(prior, now));
                    firstStart = Math.min(firstStart, p.startMs);
                    parts++;
                }
            }
            if (parts >= 1 && i >= video.furthest && longest > 0) {
                // segments: those not started yet are unknown here (a long video has more segments than threads, so
                // one under way does not mean it is the only one), so at least what the whole step's prior leaves
                longest = Math.max(longest, prior - (now - firstStart) / 1000.0);
            }
            total += longest < 0 ? prior : longest;
        }
        return total;
    }

    static int index(String step) {
        int slash = step.indexOf('/');
        return STEPS.indexOf(slash < 0 ? step : step.substring(0, slash));
    }

    private UploadState upload(UUID uploadId) {
        UploadState state = uploads.get(uploadId);
        if (state == null) {
            state = new UploadState(uploadId);
            uploads.put(uploadId, state);
            if (uploads.size() > MAX_UPLOADS) {
                uploads.remove(uploads.keySet().iterator().next());
            }
        }
        return state;
    }

    /** The learned seconds per second of video of each sub-step (the prior where nothing was measured yet). */
    synchronized Map<String, Double> secondsPerVideoSecond() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < STEPS.size(); i++) {
            out.put(STEPS.get(i), learned[i]);
        }
        return out;
    }

    private static final class UploadState {
        final UUID uploadId;
        final Map<UUID, VideoState> videos = new LinkedHashMap<>();
        int phase = -1;
        boolean probed;
        Part team;

        UploadState(UUID uploadId) {
            this.uploadId = uploadId;
        }

        /**
         * @param decoded whether decoding has ended for the upload (the lengths are not read again after it)
         * @return the videos whose length became probed
         */
        List<VideoState> merge(List<Length> found, boolean decoded) {
            List<VideoState> nowProbed = new java.util.ArrayList<>();
            boolean all = !found.isEmpty();
            for (Length length : found) {
                VideoState video = video(length.videoId());
                if (length.probed() && (video.length == null || !video.length.probed())) {
                    nowProbed.add(video);
                }
                video.length = length;
                all &= length.probed();
            }
            probed = all || decoded || phase >= 1;
            return nowProbed;
        }

        VideoState video(UUID id) {
            return videos.computeIfAbsent(id, k -> new VideoState());
        }
    }

    private static final class VideoState {
        final Map<String, Part> parts = new HashMap<>();
        /** Sub-steps' seconds measured before the length was probed: {index, seconds}. */
        final List<double[]> pending = new java.util.ArrayList<>();
        Length length;
        int furthest = -1;
        boolean failed;
        long lastEmittedMs = Long.MIN_VALUE / 2;

        double seconds() {
            return length == null ? 30 : length.seconds();
        }

        boolean hasNo(int index) {
            return parts.values().stream().noneMatch(p -> p.index == index);
        }
    }

    private static final class Part {
        final int index;
        final long startMs;
        long lastMs;
        double fraction;

        Part(int index, long startMs) {
            this.index = index;
            this.startMs = startMs;
            this.lastMs = startMs;
        }

        void update(double f, long now) {
            fraction = Math.max(fraction, Math.max(0, Math.min(1, f)));
            lastMs = now;
        }

        /** Its own rate once 5 % is done and a little time has passed, else the prior for what is left. */
        double remaining(double prior, long now) {
            if (fraction >= 1) {
                return 0;
            }
            double elapsed = (now - startMs) / 1000.0;
            if (fraction >= 0.05 && elapsed >= 0.3) {
                return elapsed * (1 - fraction) / fraction;
            }
            return Math.max(0, prior * (1 - fraction) - elapsed);
        }
    }
}
