package com.skillmirror.compare.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Compares one video's people with the skill's pattern. Idempotent: a re-run replaces the video's comparisons. */
class CompareTasklet implements Tasklet {

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final SkillRegistry skills;
    private final ExpertPatterns patterns;
    private final ProgressPublisher progress;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final UUID videoId;

    CompareTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, SkillRegistry skills,
                   ExpertPatterns patterns, ProgressPublisher progress, JdbcClient jdbc, JsonMapper json, UUID videoId) {
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.skills = skills;
        this.patterns = patterns;
        this.progress = progress;
        this.jdbc = jdbc;
        this.json = json;
        this.videoId = videoId;
    }

    /** The speech stage's numbers the skill's speech metrics refer to (SkillCatalog.SPEECH_FIELDS), wherever they sit. */
    @SuppressWarnings("unchecked")
    private Map<String, Double> speechMetrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        Object speech = results.forVideo(videoId).getOrDefault("speech", Map.of()).get("result");
        collect(speech, "", values);
        values.keySet().retainAll(com.skillmirror.skill.SkillCatalog.SPEECH_FIELDS);
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, String parent, Map<String, Double> values) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                // both "stdSemitones" and, under "pitch", "pitchStdSemitones"
                String qualified = parent.isEmpty() ? e.getKey()
                        : parent + Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
                if (e.getValue() instanceof Number n) {
                    values.putIfAbsent(e.getKey(), n.doubleValue());
                    values.putIfAbsent(qualified, n.doubleValue());
                } else {
                    collect(e.getValue(), e.getKey(), values);
                }
            }
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Video video = videos.find(videoId).orElseThrow();
        if (video.skillId() == null) {
            results.skipped(videoId, Stage.COMPARE, null, "No skill was given for this video, so it was not compared."
                    + " Tag it with a skill (e.g. squat) to get a score against an expert pattern.");
            return RepeatStatus.FINISHED;
        }
        Optional<SkillDefinition> skill = skills.find(video.skillId());
        if (skill.isEmpty()) {
            results.failed(videoId, Stage.COMPARE, "Unknown skill '" + video.skillId() + "'. Known skills: "
                    + skills.all().stream().map(SkillDefinition::id).toList());
            return RepeatStatus.FINISHED;
        }
        Optional<StoredPattern> pattern = patterns.defaultFor(skill.get().id());
        if (pattern.isEmpty()) {
            results.skipped(videoId, Stage.COMPARE, null, "There is no expert pattern for " + skill.get().name()
                    + " yet. Drop expert videos with a manifest into the ingest folder, or run 'ingest now'.");
            return RepeatStatus.FINISHED;
        }
        Optional<String> seriesKey = results.key(videoId, Artifact.POSE_SERIES);
        if (seriesKey.isEmpty()) {
            results.skipped(videoId, Stage.COMPARE, null, "No landmarks for this video (see the pose stage).");
            return RepeatStatus.FINISHED;
        }
        PoseSeries series;
        try (InputStream in = storage.get(seriesKey.get())) {
            series = PoseSeries.read(in);
        }
        SkillComparator comparator = new SkillComparator(skill.get());
        int main = series.mainPersonId();
        List<Integer> people = new ArrayList<>(series.personIds());
        people.remove(Integer.valueOf(main));
        people.add(0, main);

        jdbc.sql("DELETE FROM comparison WHERE video_id = ?").param(videoId).update();
        Comparison mainComparison = null;
        List<Map<String, Object>> others = new ArrayList<>();
        for (int person : people) {
            Comparison comparison;
            try {
                comparison = comparator.compare(Kinematics.of(series, person), pattern.get().pattern(),
                        skill.get().speechMatters() ? speechMetrics() : Map.of());
            } catch (IllegalArgumentException unusableTake) {
                if (person != main) {
                    others.add(Map.of("personId", person, "error", unusableTake.getMessage()));
                    continue;
                }
                String message = "Could not compare with the " + skill.get().name() + " pattern: "
                        + unusableTake.getMessage() + ". Film the joints this skill uses (see the skill) in full view.";
                results.failed(videoId, Stage.COMPARE, message);
                videos.markFailed(videoId, Stage.COMPARE.stepName(), message);
                progress.publish(ProgressEvent.of(ProgressEvent.ERROR, video.uploadId(), videoId, Stage.COMPARE, 100,
                        message));
                return RepeatStatus.FINISHED;
            }
            jdbc.sql("""
                    INSERT INTO comparison (id, video_id, pattern_id, person_id, score, result)
                    VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))""")
                    .params(UUID.randomUUID(), videoId, pattern.get().id(), person, comparison.score(), comparison.toJson())
                    .update();
            if (person == main) {
                mainComparison = comparison;
            } else {
                others.add(Map.of("personId", person, "score", comparison.score()));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("personId", main);
        summary.put("comparison", json.readValue(mainComparison.toJson(), Object.class));
        if (!others.isEmpty()) {
            summary.put("otherPeople", others);
        }
        results.completed(videoId, Stage.COMPARE, summary);
        progress.publish(ProgressEvent.of(ProgressEvent.PROGRESS, video.uploadId(), videoId, Stage.COMPARE, 100,
                "score " + Math.round(mainComparison.score())));
        return RepeatStatus.FINISHED;
    }
}
