package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.testsupport.StoredShapes;
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
