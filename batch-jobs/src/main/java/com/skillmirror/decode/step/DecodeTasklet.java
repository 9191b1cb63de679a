package com.skillmirror.decode.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.decode.AudioExtractor;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.decode.DecodeSettings;
import com.skillmirror.decode.MediaProbe;
import com.skillmirror.decode.ProxyTranscoder;
import com.skillmirror.decode.UnusableMediaException;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoProbe;
import com.skillmirror.upload.VideoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

/** The decode stage for one video (one partition). Idempotent: a re-run overwrites the same objects and rows. */
public class DecodeTasklet implements Tasklet {

    /** How the exit description of a partition whose file is no usable video starts. */
    static final String UNUSABLE_INPUT = "unusable input: ";

    private static final Logger log = LoggerFactory.getLogger(DecodeTasklet.class);

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ProgressPublisher progress;
    private final ProxyTranscoder transcoder;
    private final boolean reuseFitOriginals;
    private final UUID videoId;

    public DecodeTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, ProgressPublisher progress,
                         DecodeSettings settings, UUID videoId) {
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.progress = progress;
        this.transcoder = new ProxyTranscoder(settings.maxShortSide(), settings.maxFps());
        this.reuseFitOriginals = settings.reuseFitOriginals();
        this.videoId = videoId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Video video = videos.find(videoId).orElseThrow(() -> new IllegalStateException("No video " + videoId));
        videos.markProcessing(videoId);
        StepProgress steps = new StepProgress(progress, video.uploadId(), videoId, Stage.DECODE);
        steps.start("probe", "reading the file");
        Path work = Files.createTempDirectory("skillmirror-decode-");
        try {
            Path original = work.resolve("original");
            storage.download(video.storageKey(), original);
            try {
                decode(video, original, work, steps);
            } catch (UnusableMediaException e) {
                log.info("Video {} ({}) cannot be analysed: {}", videoId, video.originalName(), e.getMessage());
                results.failed(videoId, Stage.DECODE, e.getMessage());
                videos.markFailed(videoId, Stage.DECODE.stepName(), e.getMessage());
                // the step itself completed (the job's flow goes on from COMPLETED): the video's failure is its own
                contribution.setExitStatus(org.springframework.batch.core.ExitStatus.COMPLETED
                        .addExitDescription(UNUSABLE_INPUT + e.getMessage()));
                progress.publish(ProgressEvent.of(ProgressEvent.ERROR, video.uploadId(), videoId, Stage.DECODE, 100,
                        e.getMessage()));
            }
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
        return RepeatStatus.FINISHED;
    }

    private void decode(Video video, Path original, Path work, StepProgress steps) throws Exception {
        VideoProbe probe = MediaProbe.probe(original);
        steps.done("probe", "probed: " + probe.width() + "x" + probe.height() + ", " + probe.durationMs() / 1000.0 + " s");
        Path proxy = work.resolve(Artifact.PROXY.fileName());
        Path thumbnail = work.resolve(Artifact.THUMBNAIL.fileName());
        steps.start("proxy", "writing the analysis proxy");
        // nothing re-done: an original that already is what the proxy would be gives its video packets as the proxy;
        // when that fails (remux, thumbnail), the transcoder decides, so a broken file fails only its own video
        ProxyTranscoder.Result proxyResult = reuseFitOriginals
                ? transcoder.reuseIfFit(original, probe, proxy, thumbnail) : null;
        if (proxyResult != null) {
            log.info("Video {}: the original (H.264 in MP4, {}x{}, {} fps, constant rate): its video packets are the proxy, not re-encoded",
                    videoId, probe.width(), probe.height(), round(probe.frameRate()));
            steps.done("proxy", "the original's video is the proxy (no re-encoding): " + proxyResult.frames() + " frames");
        } else {
            proxyResult = transcoder.transcode(original, probe, proxy, thumbnail,
                    steps.percents("proxy", "writing the analysis proxy (by time position)"));
            steps.done("proxy", "proxy written: " + proxyResult.frames() + " frames");
        }
        List<String> warnings = new ArrayList<>();
        if (proxyResult.variableFrameRate()) {
            warnings.add("Variable frame rate: converted to a constant " + round(proxyResult.fps()) + " fps by timestamps.");
        }
        if (probe.durationMs() > 0 && proxyResult.decodedDurationMs() + 1500 < probe.durationMs()) {
            warnings.add("Only " + proxyResult.decodedDurationMs() / 1000.0 + " s of " + probe.durationMs() / 1000.0
                    + " s could be decoded: the file is probably truncated; the decoded part is analysed.");
        }
        results.store(video.uploadId(), videoId, Artifact.PROXY, proxy);
        if (Files.exists(thumbnail)) {
            results.store(video.uploadId(), videoId, Artifact.THUMBNAIL, thumbnail);
        }
        long audioSamples = 0;
        steps.start("audio", probe.hasAudio() ? "extracting the audio" : "no audio track");
        if (probe.hasAudio()) {
            Path wav = work.resolve(Artifact.AUDIO.fileName());
            try {
                audioSamples = AudioExtractor.toWav(original, wav);
                if (audioSamples > 0) {
                    results.store(video.uploadId(), videoId, Artifact.AUDIO, wav);
                } else {
                    warnings.add("The audio track decoded to no samples; speech analysis is skipped.");
                }
            } catch (Exception e) {
                warnings.add("The audio track could not be decoded (" + e.getMessage() + "); speech analysis is skipped.");
            }
        }
        videos.recordProbe(videoId, probe, proxyResult.variableFrameRate(), proxyResult.fps(), proxyResult.frames());

        results.complete(videoId, DecodeResult.STAGE_RESULT, new DecodeResult(probe.container(), probe.videoCodec(),
                probe.audioCodec(), probe.width(), probe.height(), probe.rotation(), probe.durationMs(),
                round(probe.frameRate()), proxyResult.variableFrameRate(), probe.hasAudio() && audioSamples > 0,
                round(audioSamples / (double) AudioExtractor.SAMPLE_RATE), new DecodeResult.Proxy(proxyResult.width(),
                        proxyResult.height(), round(proxyResult.fps()), proxyResult.frames(), proxyResult.thumbnailMs()),
                warnings));
        steps.done("audio", "decoded");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
