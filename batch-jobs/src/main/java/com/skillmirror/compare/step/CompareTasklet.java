package com.skillmirror.compare.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.CaptureViews;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Compares one video's people with the skill's pattern. Idempotent: a re-run replaces the video's comparisons. */
class CompareTasklet implements Tasklet {

    private final VideoRepository videos;
    private final StageResults results;
    private final VideoKinematics kinematics;
    private final ComparisonRepository comparisons;
    private final SkillRegistry skills;
    private final ExpertPatterns patterns;
    private final ProgressPublisher progress;
    private final UUID videoId;

    CompareTasklet(VideoRepository videos, StageResults results, ComparisonRepository comparisons,
                   SkillRegistry skills, ExpertPatterns patterns, ProgressPublisher progress, UUID videoId) {
        this.videos = videos;
        this.results = results;
        this.kinematics = new VideoKinematics(results);
        this.comparisons = comparisons;
        this.skills = skills;
        this.patterns = patterns;
        this.progress = progress;
        this.videoId = videoId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Video video = videos.find(videoId).orElseThrow();
        if (video.skillId() == null) {
            results.skipped(videoId, Stage.COMPARE, "No skill was given for this video, so it was not compared."
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
            results.skipped(videoId, Stage.COMPARE, "There is no expert pattern for " + skill.get().name()
                    + " yet. Drop expert videos with a manifest into the ingest folder, or run 'ingest now'.");
            return RepeatStatus.FINISHED;
        }
        Optional<PoseResult> pose = results.result(videoId, PoseResult.STAGE_RESULT);
        Optional<List<KinematicSeries>> kinematics = pose.isEmpty() ? Optional.empty() : this.kinematics.everyone(video);
        if (kinematics.isEmpty()) {
            results.skipped(videoId, Stage.COMPARE, "No landmarks for this video (see the pose stage).");
            return RepeatStatus.FINISHED;
        }
        int main = pose.get().mainPersonId();
        List<KinematicSeries> people = new ArrayList<>(kinematics.get());
        // the athlete first: their take failing fails the stage before anyone else's comparison is stored
        people.sort((a, b) -> Boolean.compare(b.personId() == main, a.personId() == main));
        Map<String, Double> speech = skill.get().speechMatters()
                ? results.result(videoId, SpeechResult.STAGE_RESULT).map(SpeechFields::of).orElse(Map.of())
                : Map.of();
        // the camera's view of each person, from the landmarks (absent in a video analysed before they were kept)
        Optional<byte[]> stored = results.load(videoId, Artifact.POSE_SERIES);
        Optional<PoseSeries> landmarks = stored.isEmpty() ? Optional.empty()
                : Optional.of(PoseSeries.read(new ByteArrayInputStream(stored.get())));
        SkillComparator comparator = new SkillComparator(skill.get());

        comparisons.deleteForVideo(videoId);
        Comparison mainComparison = null;
        List<CompareResult.OtherPerson> others = new ArrayList<>();
        StepProgress steps = new StepProgress(progress, video.uploadId(), videoId, Stage.COMPARE);
        steps.start("compare", "comparing " + people.size() + " people with the " + skill.get().name() + " pattern");
        int compared = 0;
        for (KinematicSeries person : people) {
            compared++;
            Comparison comparison;
            try {
                CaptureViews personViews = views(landmarks, person).orElse(null);
                // a set of several repetitions: each compared on its own, the score their median
                comparison = comparator.compareTake(person, pattern.get().pattern(), speech, personViews);
            } catch (IllegalArgumentException unusableTake) {
                if (person.personId() != main) {
                    others.add(CompareResult.OtherPerson.unusable(person.personId(), unusableTake.getMessage()));
                    steps.report("compare", compared / (double) people.size(), "person " + compared + " of "
                            + people.size() + " compared");
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
            comparisons.add(videoId, pattern.get().id(), person.personId(), comparison);
            steps.report("compare", compared / (double) people.size(), "person " + compared + " of " + people.size()
                    + " compared" + (comparison.repetitions() == null ? ""
                    : " (" + comparison.repetitions().count() + " repetitions)"));
            if (person.personId() == main) {
                mainComparison = comparison;
            } else {
                others.add(CompareResult.OtherPerson.scored(person.personId(), comparison.score()));
            }
        }
        results.complete(videoId, CompareResult.STAGE_RESULT, new CompareResult(main, mainComparison, others));
        steps.done("compare", "score " + Math.round(mainComparison.score()));
        return RepeatStatus.FINISHED;
    }

    /** The person's views, one per frame of their kinematics; empty without landmarks that line up with them. */
    private static Optional<CaptureViews> views(Optional<PoseSeries> landmarks, KinematicSeries person) {
        return landmarks.flatMap(series -> CaptureViews.of(series, person));
    }
}
