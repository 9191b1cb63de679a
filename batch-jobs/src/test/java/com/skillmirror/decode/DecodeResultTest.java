package com.skillmirror.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.Stage;
import com.skillmirror.testsupport.StoredShapes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decode stage's result as stored: a real run's row reads typed and is written back in the same shape. */
class DecodeResultTest {

    @Test
    void aRealRunsRowReadsTypedAndKeepsItsShape() {
        DecodeResult decode = StoredShapes.assertReadsAndKeepsShape(StoredShapes.sampleResult(Stage.DECODE),
                DecodeResult.STAGE_RESULT);

        assertThat(decode.videoCodec()).isEqualTo("h264");
        assertThat(decode.sourceFps()).isEqualTo(30.12);
        assertThat(decode.hasAudio()).isTrue();
        assertThat(decode.proxy()).isEqualTo(new DecodeResult.Proxy(1280, 720, 30.0, 249));
        assertThat(decode.warnings()).isEmpty();
    }

    @Test
    void aFileWithoutAudioKeepsItsNullCodecAndWarnings() {
        DecodeResult silent = new DecodeResult("mov,mp4,m4a,3gp,3g2,mj2", "h264", null, 320, 240, 0, 1500, 25.0,
                true, false, 0, new DecodeResult.Proxy(320, 240, 25.0, 38),
                List.of("Variable frame rate: converted to a constant 25.0 fps by timestamps."));

        assertThat(StoredShapes.assertReadsAndKeepsShape(StoredShapes.toMap(silent), DecodeResult.STAGE_RESULT))
                .isEqualTo(silent);
    }
}
