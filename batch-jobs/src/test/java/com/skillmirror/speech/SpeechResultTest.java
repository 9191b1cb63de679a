package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.testsupport.StoredShapes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The speech stage's result as stored: a real run's row reads typed and is written back in the same shape. */
class SpeechResultTest {

    @Test
    void aRealRunsRowReadsTypedAndKeepsItsShape() {
        SpeechResult speech = StoredShapes.assertReadsAndKeepsShape(StoredShapes.sampleResult(Stage.SPEECH),
                SpeechResult.STAGE_RESULT);

        assertThat(speech.provider()).isEqualTo("pocketsphinx");
        assertThat(speech.transcript().words()).hasSizeGreaterThan(3);
        assertThat(speech.metrics().timeline()).hasSizeGreaterThan(2);
        assertThat(speech.findings()).extracting(Finding::severity).isNotEmpty();
        // stored before confidences existed: unknown, not invented
        assertThat(speech.transcriptConfidence()).isNull();
        assertThat(speech.transcript().words()).extracting(TranscriptWord::confidence).containsOnlyNulls();
    }

    @Test
    void wordAndTranscriptConfidencesAreStoredAndReadBack() {
        SpeechResult old = ResultCodec.read(StoredShapes.json(StoredShapes.sampleResult(Stage.SPEECH)),
                SpeechResult.class, SpeechResult.STAGE_RESULT.version());
        Transcript t = old.transcript();
        List<TranscriptWord> rated = t.words().stream()
                .map(w -> new TranscriptWord(w.word(), w.startSec(), w.endSec(), 0.42)).toList();
        Transcript ratedTranscript = new Transcript(t.text(), rated, t.language(), t.provider(), t.approximate());
        SpeechResult rich = new SpeechResult(old.provider(), old.approximate(), old.noSpeechDetected(),
                old.noSpeechReason(), old.durationSec(), old.metrics(), ratedTranscript, old.transcriptStats(),
                old.transcriptionError(), old.findings(), old.feedbackSource(),
                TranscriptConfidence.of(ratedTranscript));

        String stored = ResultCodec.write(rich, SpeechResult.STAGE_RESULT.version());
        SpeechResult back = ResultCodec.read(stored, SpeechResult.class, SpeechResult.STAGE_RESULT.version());

        assertThat(back).isEqualTo(rich);
        assertThat(back.transcriptConfidence().mean()).isEqualTo(0.42);
        assertThat(back.transcriptConfidence().poor()).isTrue();
        assertThat(back.transcript().words().get(0).confidence()).isEqualTo(0.42);
    }

    @Test
    void aRowOfAnEarlierVersionWithoutTheTimelineStillReads() {
        Map<String, Object> row = StoredShapes.sampleResult(Stage.SPEECH);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) row.get("metrics");
        metrics.remove("timeline");

        SpeechResult speech = ResultCodec.read(StoredShapes.json(row), SpeechResult.class,
                SpeechResult.STAGE_RESULT.version());

        assertThat(speech.metrics().timeline()).isNull();
        assertThat(speech.metrics().pauses()).isNotEmpty();
    }
}
