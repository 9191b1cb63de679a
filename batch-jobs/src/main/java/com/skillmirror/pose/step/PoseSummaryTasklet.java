package com.skillmirror.pose.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.pose.athlete.AppearanceTable;
import com.skillmirror.pose.athlete.AthleteChoice;
import com.skillmirror.pose.athlete.AthleteFinder;
import com.skillmirror.pose.athlete.AthleteSelector;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * After every segment of a video: joins its chunks, checks that every analysed frame is there exactly once, joins the
 * tracks of one person (re-identification) and chooses the athlete ({@link AthleteFinder}: the coach's point, else
 * the person who performs the skill's movement), stores the result as pose/series.bin, records who was found and why,
 * and writes the exports. Nobody in any frame or a point on nobody fails that video with a message saying so (the
 * other videos of the upload go on); footage problems about people (the athlete in view under a second, only the
 * head or the legs, small people) are warnings in the result.
 */
class PoseSummaryTasklet implements Tasklet {

    static final String NO_ATHLETE = AthleteFinder.NOBODY;

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ProgressPublisher progress;
    private final PoseOutputs outputs;
    private final SkillRegistry skills;
    private final UUID videoId;

    PoseSummaryTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, ProgressPublisher progress,
                       PoseOutputs outputs, SkillRegistry skills, UUID videoId) {
        this.videos = videos;
        this.skills = skills;
        this.results = results;
        this.storage = storage;
        this.progress = progress;
        this.outputs = outputs;
        this.videoId = videoId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        summarise(videos.find(videoId).orElseThrow());
        return RepeatStatus.FINISHED;
    }

    private void summarise(Video video) throws IOException {
        UUID uploadId = video.uploadId();
        StepProgress steps = new StepProgress(progress, uploadId, video.id(), Stage.POSE);
        steps.start("summary", "joining the segments, finding the athlete");
        AthleteFinder.Outcome found = AthleteFinder.find(PoseChunks.join(storage, video), appearances(video), jointWeights(video),
                videos.athletePoint(video.id()).orElse(null), thumbnailMs(video));
        PoseSeries series = found.series();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        series.write(bytes);
        results.store(uploadId, video.id(), Artifact.POSE_SERIES, bytes.toByteArray());

        if (found.failure() != null) {
            results.failed(video.id(), Stage.POSE, found.failure());
            videos.markFailed(video.id(), Stage.POSE.stepName(), found.failure());
            progress.publish(ProgressEvent.of(ProgressEvent.ERROR, uploadId, video.id(), Stage.POSE, 100,
                    found.failure()));
            return;
        }
        int withPerson = (int) series.frames().stream().filter(f -> !f.people().isEmpty()).count();
        List<Integer> ids = series.personIds();
        // computed once here: the exports, compare and report all use these
        List<KinematicSeries> people = new VideoKinematics(results).store(video, series);
        AthleteChoice athlete = found.athlete();
        int main = athlete.personId();
        String note = ids.size() > 1 ? "Person " + main + (video.athleteName() == null ? "" : " (" + video.athleteName()
                + ")") + " is analysed as the athlete: " + athlete.reason() + "." : null;
        steps.done("summary", ids.size() + " people tracked; the athlete is person " + main);
        List<PoseResult.KeyFrame> keyFrames = outputs.write(video, series, people, athlete, steps);
        results.complete(video.id(), PoseResult.STAGE_RESULT, new PoseResult(series.model(),
                Math.round(series.fps() * 1000) / 1000.0, series.frames().size(), withPerson, ids.size(), main,
                (int) series.track(main).stream().filter(p -> p != null).count(),
                Math.round(meanScore(series, main) * 1000) / 1000.0, note, gaps(series, main), keyFrames, athlete));
    }

    /** When the thumbnail the coach's point is on was taken, as decoded; null for videos decoded before it was kept. */
    private Long thumbnailMs(Video video) {
        return results.result(video.id(), DecodeResult.STAGE_RESULT).map(d -> d.proxy() == null ? null
                : d.proxy().thumbnailMs()).orElse(null);
    }

    /** The skill's joints and weights: what "performs the movement" means for this video. */
    private java.util.Map<String, Double> jointWeights(Video video) {
        return AthleteSelector.jointWeights(video.skillId() == null ? null : skills.find(video.skillId()).orElse(null));
    }

    /** The people's appearances the pose step stored beside its chunks; null for a video analysed before them. */
    private AppearanceTable appearances(Video video) throws IOException {
        List<AppearanceTable> parts = new ArrayList<>();
        for (String key : storage.list(StorageKeys.poseAppearances(video.uploadId(), video.id()))) {
            try (InputStream in = storage.get(key)) {
                parts.add(AppearanceTable.read(in));
            }
        }
        return parts.isEmpty() ? null : AppearanceTable.join(parts);
    }

    private static double meanScore(PoseSeries series, int id) {
        return series.track(id).stream().filter(p -> p != null).mapToDouble(PersonPose::score).average().orElse(0);
    }

    /** Runs of frames where the athlete was not found. */
    private static List<PoseResult.Gap> gaps(PoseSeries series, int id) {
        List<PoseResult.Gap> gaps = new ArrayList<>();
        int start = -1;
        List<PoseFrame> frames = series.frames();
        for (int i = 0; i < frames.size(); i++) {
            boolean missing = frames.get(i).person(id) == null;
            if (missing && start < 0) {
                start = frames.get(i).index();
            } else if (!missing && start >= 0) {
                gaps.add(new PoseResult.Gap(start, frames.get(i - 1).index()));
                start = -1;
            }
        }
        if (start >= 0) {
            gaps.add(new PoseResult.Gap(start, frames.get(frames.size() - 1).index()));
        }
        return gaps;
    }
}
