package com.skillmirror.speech.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.decode.step.DecodeTasklet;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.Transcript;
import com.skillmirror.speech.TranscriptWord;
import com.skillmirror.speech.TranscriptionOptions;
import com.skillmirror.speech.TranscriptionProvider;
import com.skillmirror.storage.Artifact;
import com.skillmirror.testsupport.StageStepTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.Video;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The speech summary on its own, for an upload decoded by the real decode tasklet: a video without sound is skipped
 * with its reason, and the window transcripts the step stored are joined in window order over real read speech.
 */
class SpeechSummaryTaskletTest extends StageStepTest {

    @Autowired
    JsonMapper json;
    @Autowired
    TranscriptionProvider provider;

    @Test
    void aSilentVideoIsSkippedWithItsReasonAndWindowsAreJoinedInOrder(@TempDir Path dir) throws Exception {
        List<Video> created = decodedUpload(dir);
        Video speaker = created.get(0);
        Video silent = created.get(1);
        // the speaker's sound is real read speech (LibriVox), so the analyzer hears speech and uses the transcript
        results.store(speaker.uploadId(), speaker.id(), Artifact.AUDIO,
                TestMedia.file("librivox").resolve("sense_and_sensibility_01_austen_64kb-0870.wav"));
        // committed out of order, as parallel or restarted windows may be
        storeWindow(speaker, new WindowTranscript(1, 3.0, 6.0, transcript(" the second window ", 3.2), null));
        storeWindow(speaker, new WindowTranscript(0, 0.0, 3.0, transcript("first window", 0.5), null));

        summarise(speaker.uploadId());

        StageOutcome skipped = results.outcomes(silent.id()).get(Stage.SPEECH);
        assertThat(skipped.status()).isEqualTo(StageOutcome.Status.SKIPPED);
        assertThat(skipped.error()).isEqualTo("The video has no audio track: speech analysis was skipped.");
        assertThat(results.result(silent.id(), SpeechResult.STAGE_RESULT)).isEmpty();

        SpeechResult speech = results.result(speaker.id(), SpeechResult.STAGE_RESULT).orElseThrow();
        assertThat(speech.noSpeechDetected()).as(speech.noSpeechReason()).isFalse();
        assertThat(speech.transcriptionError()).isNull();
        assertThat(speech.provider()).isEqualTo(provider.name());
        assertThat(speech.transcript().text()).isEqualTo("first window the second window");
        assertThat(speech.transcript().words()).extracting(TranscriptWord::word)
                .containsExactly("first", "window", "the", "second", "window");
        assertThat(speech.transcript().words()).extracting(TranscriptWord::startSec).isSorted();
        assertThat(speech.transcriptStats()).isNotNull();
        assertThat(results.artifacts(speaker.id())).containsKey(Artifact.SPEECH.kind());
    }

    @Test
    void aWindowTheProviderFailedOnIsReportedNotHidden(@TempDir Path dir) throws Exception {
        Video speaker = decodedUpload(dir).get(0);
        results.store(speaker.uploadId(), speaker.id(), Artifact.AUDIO,
                TestMedia.file("librivox").resolve("sense_and_sensibility_01_austen_64kb-0870.wav"));
        storeWindow(speaker, new WindowTranscript(0, 0.0, 3.0, transcript("first window", 0.5), null));
        storeWindow(speaker, new WindowTranscript(1, 3.0, 6.0, null, "provider timed out"));

        summarise(speaker.uploadId());

        SpeechResult speech = results.result(speaker.id(), SpeechResult.STAGE_RESULT).orElseThrow();
        assertThat(speech.transcriptionError()).isEqualTo("window 1 (3-6 s): provider timed out");
        assertThat(speech.transcript()).isNull();
        // the audio metrics do not need a transcript
        assertThat(speech.metrics()).isNotNull();
    }

    private void summarise(UUID uploadId) throws Exception {
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        new SpeechSummaryTasklet(videos, results, storage, progress, json, provider, TranscriptionOptions.defaults(),
                uploadId).execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
    }

    /** Two generated clips, the first with a sound track and the second without, decoded by the decode tasklet. */
    private List<Video> decodedUpload(Path dir) throws Exception {
        Path speaker = TestClips.video(dir.resolve("speaker.mp4"), 160, 120, 10, 1.0, true, 0);
        Path silent = TestClips.video(dir.resolve("silent.mp4"), 160, 120, 10, 1.0, false, 0);
        List<IncomingFile> files = new ArrayList<>();
        for (Path clip : List.of(speaker, silent)) {
            files.add(new IncomingFile(clip.getFileName().toString(), Files.size(clip), () -> Files.newInputStream(clip),
                    "Ana", "public-speaking"));
        }
        List<Video> created = uploads.create(files).videos();
        for (Video video : created) {
            StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
            new DecodeTasklet(videos, results, storage, progress, decodeSettings, video.id())
                    .execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
        }
        assertThat(results.artifacts(created.get(0).id())).containsKey(Artifact.AUDIO.kind());
        assertThat(results.artifacts(created.get(1).id())).doesNotContainKey(Artifact.AUDIO.kind());
        return created;
    }

    /** Through the step's own writer, one committed chunk per window. */
    private void storeWindow(Video video, WindowTranscript window) throws Exception {
        new WindowTranscriptWriter(storage, json, video.uploadId(), video.id()).write(new Chunk<>(window));
    }

    private static Transcript transcript(String text, double start) {
        List<TranscriptWord> words = new ArrayList<>();
        double t = start;
        for (String word : text.strip().split(" ")) {
            words.add(new TranscriptWord(word, t, t + 0.3));
            t += 0.4;
        }
        return new Transcript(text, words, "en", "test windows", false);
    }
}
