package com.skillmirror.job.ingest;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import com.skillmirror.upload.VideoStatus;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** One ingest run over a drop location; safe to run again and from several instances at once. */
@Service
@EnableConfigurationProperties(IngestSettings.class)
public class ExpertIngest {

    private static final Logger log = LoggerFactory.getLogger(ExpertIngest.class);
    private static final Set<String> MANIFESTS = Set.of("manifest.yaml", "manifest.yml");
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg");

    private final UploadService uploads;
    private final AnalysisLauncher launcher;
    private final VideoRepository videos;
    private final StageResults results;
    private final VideoKinematics kinematics;
    private final SkillRegistry skills;
    private final ExpertPatterns patterns;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    public ExpertIngest(UploadService uploads, AnalysisLauncher launcher, VideoRepository videos, StageResults results,
                        SkillRegistry skills, ExpertPatterns patterns, JdbcClient jdbc,
                        JsonMapper json) {
        this.uploads = uploads;
        this.launcher = launcher;
        this.videos = videos;
        this.results = results;
        this.kinematics = new VideoKinematics(results);
        this.skills = skills;
        this.patterns = patterns;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Ingests every drop folder under the prefix of the source storage that has a manifest. */
    public IngestReport run(ObjectStorage source, String prefix) throws IOException {
        Map<String, List<String>> drops = new TreeMap<>();
        for (String key : source.list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                drops.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(key);
            }
        }
        List<IngestReport.DropOutcome> outcomes = new ArrayList<>();
        for (var drop : drops.entrySet()) {
            if (drop.getValue().stream().anyMatch(k -> MANIFESTS.contains(fileName(k)))) {
                outcomes.add(ingestDrop(source, drop.getKey(), drop.getValue()));
            }
        }
        IngestReport report = new IngestReport(outcomes);
        log.info("Expert ingest of {}: {} ingested, {} unchanged, {} failed", prefix, report.count("INGESTED"),
                report.count("UNCHANGED"), report.count("FAILED"));
        return report;
    }

    private IngestReport.DropOutcome ingestDrop(ObjectStorage source, String drop, List<String> keys) throws IOException {
        String manifestKey = keys.stream().filter(k -> MANIFESTS.contains(fileName(k))).findFirst().orElseThrow();
        DropManifest manifest;
        try (InputStream in = source.get(manifestKey)) {
            manifest = yaml.readValue(in, DropManifest.class);
        } catch (RuntimeException e) {
            return failed(drop, null, null, List.of(), "manifest.yaml is not valid YAML for a drop: " + e.getMessage());
        }
        if (manifest.expert() == null || blank(manifest.expert().name()) || blank(manifest.expert().licence())) {
            return failed(drop, manifest.skill(), null, List.of(),
                    "manifest.yaml needs expert.name and expert.licence (the footage's licence)");
        }
        SkillDefinition skill = skills.find(String.valueOf(manifest.skill())).orElse(null);
        if (skill == null) {
            return failed(drop, manifest.skill(), manifest.expert().name(), List.of(), "Unknown skill '"
                    + manifest.skill() + "' in manifest.yaml");
        }
        List<String> takeKeys = keys.stream().filter(k -> manifest.takes().isEmpty()
                ? VIDEO_EXTENSIONS.contains(extension(k)) : manifest.takes().contains(fileName(k))).sorted().toList();
        if (takeKeys.isEmpty()) {
            return failed(drop, skill.id(), manifest.expert().name(), List.of(), "No take videos in the drop");
        }
        String hash = dropHash(source, manifestKey, takeKeys);
        if (!claim(drop, hash)) {
            return new IngestReport.DropOutcome(drop, "UNCHANGED", skill.id(), manifest.expert().name(), null, null, null,
                    List.of(), null);
        }
        try {
            IngestReport.DropOutcome outcome = analyseAndBuild(source, drop, manifest, skill, takeKeys);
            finish(hash, outcome);
            return outcome;
        } catch (Exception e) {
            IngestReport.DropOutcome outcome = failed(drop, skill.id(), manifest.expert().name(), List.of(),
                    "Ingest failed: " + e.getMessage());
            finish(hash, outcome);
            return outcome;
        }
    }

    private IngestReport.DropOutcome analyseAndBuild(ObjectStorage source, String drop, DropManifest manifest,
                                                     SkillDefinition skill, List<String> takeKeys) throws Exception {
        List<IncomingFile> files = new ArrayList<>();
        for (String key : takeKeys) {
            files.add(new IncomingFile(fileName(key), source.size(key), () -> source.get(key), manifest.expert().name(),
                    skill.id()));
        }
        UploadService.Created upload = uploads.create(files);
        launcher.run(upload.uploadId());
        List<IngestReport.TakeOutcome> takes = new ArrayList<>();
        List<KinematicSeries> series = new ArrayList<>();
        for (Video video : videos.findByUpload(upload.uploadId())) {
            boolean failedBeforeCompare = video.status() == VideoStatus.FAILED
                    && !Stage.COMPARE.stepName().equals(video.failedStage());
            Optional<PoseResult> pose = results.result(video.id(), PoseResult.STAGE_RESULT);
            Optional<KinematicSeries> athlete = failedBeforeCompare || pose.isEmpty() ? Optional.empty()
                    : kinematics.person(video, pose.get().mainPersonId());
            if (athlete.isEmpty()) {
                takes.add(new IngestReport.TakeOutcome(video.originalName(), "SKIPPED", video.errorMessage()));
                continue;
            }
            series.add(athlete.get());
            takes.add(new IngestReport.TakeOutcome(video.originalName(), "USED", null));
        }
        if (series.isEmpty()) {
            return failed(drop, skill.id(), manifest.expert().name(), takes, "None of the takes could be analysed");
        }
        DropManifest.Expert e = manifest.expert();
        ExpertProfile profile = new ExpertProfile(e.name(), e.achievements(), e.credits(), e.licence());
        ExpertPattern pattern = new PatternBuilder(skill).fromKinematics(series, profile);
        StoredPattern stored = patterns.save(pattern, patterns.expert(profile));
        patterns.recordTakes(stored.id(), upload.uploadId());
        return new IngestReport.DropOutcome(drop, "INGESTED", skill.id(), e.name(), stored.id().toString(),
                stored.version(), pattern.contentHash(), takes, null);
    }

    /** Claims the drop for this instance; false when it is done already or another instance is on it. */
    private boolean claim(String drop, String hash) {
        return jdbc.sql("""
                INSERT INTO expert_ingest (drop_name, drop_hash, status) VALUES (?, ?, 'RUNNING')
                ON CONFLICT (drop_hash) DO UPDATE SET status = 'RUNNING', started_at = now(), finished_at = NULL
                WHERE expert_ingest.status = 'FAILED'""").params(drop, hash).update() == 1;
    }

    private void finish(String hash, IngestReport.DropOutcome outcome) {
        jdbc.sql("""
                UPDATE expert_ingest SET status = ?, pattern_id = ?, report = CAST(? AS jsonb), finished_at = now()
                WHERE drop_hash = ?""")
                .params("INGESTED".equals(outcome.status()) ? "COMPLETED" : "FAILED",
                        outcome.patternId() == null ? null : UUID.fromString(outcome.patternId()),
                        json.writeValueAsString(outcome), hash)
                .update();
    }

    /** SHA-256 over the manifest and every take's name and content: any change makes a new drop version. */
    private static String dropHash(ObjectStorage source, String manifestKey, List<String> takeKeys) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> all = new ArrayList<>(takeKeys);
            all.add(0, manifestKey);
            byte[] buffer = new byte[1 << 16];
            for (String key : all) {
                digest.update(fileName(key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = source.get(key)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IngestReport.DropOutcome failed(String drop, String skill, String expert,
                                                   List<IngestReport.TakeOutcome> takes, String error) {
        return new IngestReport.DropOutcome(drop, "FAILED", skill, expert, null, null, null, takes, error);
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String extension(String key) {
        String name = fileName(key);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
