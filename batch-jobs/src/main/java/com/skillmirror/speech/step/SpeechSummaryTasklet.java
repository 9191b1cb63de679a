package com.skillmirror.speech.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.speech.AudioClip;
import com.skillmirror.speech.SpeechAnalyzer;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.TranscriptionOptions;
import com.skillmirror.speech.TranscriptionProvider;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;

/** Per video with audio: joins the window transcripts, computes the delivery metrics and feedback, stores the result. */
class SpeechSummaryTasklet implements Tasklet {

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ProgressPublisher progress;
    private final JsonMapper json;
    private final TranscriptionProvider provider;
    private final TranscriptionOptions options;
    private final UUID uploadId;

    SpeechSummaryTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, ProgressPublisher progress,
                         JsonMapper json, TranscriptionProvider provider, TranscriptionOptions options, UUID uploadId) {
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.progress = progress;
        this.json = json;
        this.provider = provider;
        this.options = options;
        this.uploadId = uploadId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        for (Video video : videos.findDecodedByUpload(uploadId)) {
            Optional<String> audioKey = results.key(video.id(), Artifact.AUDIO);
            if (audioKey.isEmpty()) {
                results.skipped(video.id(), Stage.SPEECH, "The video has no audio track: speech analysis was skipped.");
                continue;
            }
            SpeechResult result = analyse(video, audioKey.get());
            byte[] bytes = json.writeValueAsBytes(result);
            results.store(uploadId, video.id(), Artifact.SPEECH, bytes);
            results.complete(video.id(), SpeechResult.STAGE_RESULT, result);
            progress.publish(ProgressEvent.step(uploadId, video.id(), Stage.SPEECH, "speech", 1,
                    result.noSpeechDetected() ? "no speech detected" : "speech analysed"));
        }
        return RepeatStatus.FINISHED;
    }

    private SpeechResult analyse(Video video, String audioKey) throws Exception {
        Path local = Files.createTempFile("skillmirror-audio-", ".wav");
        try {
            storage.download(audioKey, local);
            AudioClip clip = AudioClip.read(local);
            List<WindowTranscript> windows = new ArrayList<>();
            for (String key : storage.list(StorageKeys.speechWindows(uploadId, video.id()))) {
                try (InputStream in = storage.get(key)) {
                    windows.add(json.readValue(in, WindowTranscript.class));
                }
            }
            return new SpeechAnalyzer().analyze(clip, new JoinedTranscript(provider.name(), provider.approximate(), windows),
                    options);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
