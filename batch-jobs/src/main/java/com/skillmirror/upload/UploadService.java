package com.skillmirror.upload;

import com.skillmirror.metrics.AnalysisMetrics;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Turns incoming files into an upload: each file streamed to storage under a key we build (never the user's
 * name), then the upload row with one video row per file. Files over the size limit are refused before anything is
 * stored.
 */
@Service
@EnableConfigurationProperties(UploadSettings.class)
public class UploadService {

    private static final Pattern SKILL_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_SKILL_ID = 64;

    private final AnalysisMetrics metrics;
    private final ObjectStorage storage;
    private final VideoRepository videos;
    private final long maxFileBytes;
    private final int maxFiles;

    public UploadService(ObjectStorage storage, VideoRepository videos, UploadSettings settings) {
        this(storage, videos, settings, AnalysisMetrics.none());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public UploadService(ObjectStorage storage, VideoRepository videos, UploadSettings settings,
                         org.springframework.beans.factory.ObjectProvider<AnalysisMetrics> meters) {
        this(storage, videos, settings, meters.getIfAvailable(AnalysisMetrics::none));
    }

    private UploadService(ObjectStorage storage, VideoRepository videos, UploadSettings settings,
                          AnalysisMetrics metrics) {
        this.storage = storage;
        this.videos = videos;
        this.maxFileBytes = settings.maxFileSize().toBytes();
        this.maxFiles = settings.maxFiles();
        this.metrics = metrics;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public record Created(UUID uploadId, List<Video> videos) {
    }

    /** An upload of no team and no account (the CLI, expert ingest). */
    public Created create(List<IncomingFile> files) throws IOException {
        return create(UploadOwner.NONE, files);
    }

    /**
     * Stores the files, then inserts the upload and its videos complete (owner, athletes, tags) in one transaction.
     * Files are streamed before it, as uploads can take minutes; should anything fail, what was stored is removed
     * and no row remains.
     */
    public Created create(UploadOwner owner, List<IncomingFile> files) throws IOException {
        validate(files);
        UUID uploadId = UUID.randomUUID();
        List<Video> created = new ArrayList<>();
        java.util.Map<UUID, AthletePoint> points = new java.util.HashMap<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                IncomingFile file = files.get(i);
                UUID videoId = UUID.randomUUID();
                String key = StorageKeys.original(uploadId, videoId, file.originalName());
                try (InputStream in = new LimitedInputStream(file.content().open(), maxFileBytes, file.originalName())) {
                    storage.put(key, in, file.size(), "application/octet-stream");
                }
                created.add(new Video(videoId, uploadId, i, displayName(file.originalName()), key, storage.size(key),
                        file.athleteId(), blankToNull(file.athleteName()), blankToNull(file.skillId()),
                        VideoStatus.PENDING, null, null));
                if (file.athletePoint() != null) {
                    points.put(videoId, file.athletePoint());
                }
            }
            videos.insertUpload(uploadId, owner, created, points);
            metrics.uploaded(created.stream().mapToLong(Video::sizeBytes).toArray());
            return new Created(uploadId, created);
        } catch (IOException | RuntimeException e) {
            try {
                storage.deleteAll(StorageKeys.uploadPrefix(uploadId));
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void validate(List<IncomingFile> files) {
        if (files.isEmpty()) {
            throw new UploadRejectedException("No files in the upload. Choose one or more video files.");
        }
        if (files.size() > maxFiles) {
            throw new UploadRejectedException("Too many files: " + files.size() + " (at most " + maxFiles
                    + " per upload). Split the session into several uploads.");
        }
        for (IncomingFile file : files) {
            if (file.size() > maxFileBytes) {
                throw new UploadRejectedException("File '" + displayName(file.originalName()) + "' is "
                        + DataSize.ofBytes(file.size()).toMegabytes() + " MB, over the limit of "
                        + DataSize.ofBytes(maxFileBytes).toMegabytes() + " MB. Trim or compress it; nothing was stored.");
            }
            String skill = blankToNull(file.skillId());
            // bounded like video.skill_id: a longer id failed the insert after the files were stored
            if (skill != null && (skill.length() > MAX_SKILL_ID || !SKILL_ID.matcher(skill).matches())) {
                throw new UploadRejectedException("Skill '" + displayName(skill) + "' is not a skill id (kebab-case,"
                        + " at most " + MAX_SKILL_ID + " characters, like squat or golf-swing); nothing was stored.");
            }
            if (file.athleteName() != null && file.athleteName().length() > 200) {
                throw new UploadRejectedException("Athlete name over 200 characters for file '"
                        + displayName(file.originalName()) + "'.");
            }
        }
    }

    /** The user's name for display only: control characters removed, bounded. Escaping is the view's job. */
    static String displayName(String name) {
        String n = name == null ? "" : name.replaceAll("\\p{Cntrl}", "");
        return n.length() > 1000 ? n.substring(0, 1000) : n.isBlank() ? "unnamed" : n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Guards against a client that announced a small size and then sends more. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        LimitedInputStream(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int n) {
            count += n;
            if (count > limit) {
                throw new UploadRejectedException("File '" + displayName(name) + "' is over the limit of "
                        + DataSize.ofBytes(limit).toMegabytes() + " MB; nothing was stored.");
            }
        }
    }
}
