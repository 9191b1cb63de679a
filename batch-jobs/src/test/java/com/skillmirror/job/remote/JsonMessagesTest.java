package com.skillmirror.job.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.analysis.ProgressEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

/** Rolling upgrades: a progress event from a worker of the previous version still reaches browsers. */
class JsonMessagesTest {

    private final UUID upload = UUID.randomUUID();
    private final UUID video = UUID.randomUUID();

    @Test
    void aProgressEventOfThePreviousShapeIsAcceptedAsItsStageAsAWhole() {
        ProgressEvent event = JsonMessages.progressEvents().fromMessage(json("{\"type\":\"analysis_progress\","
                + "\"uploadId\":\"" + upload + "\",\"videoId\":\"" + video + "\",\"stage\":\"pose\",\"percent\":40,"
                + "\"message\":\"pose\",\"timestampMs\":1700000000000}"));

        assertThat(event).isEqualTo(new ProgressEvent(ProgressEvent.PROGRESS, upload, video, "pose", 40, "pose",
                1_700_000_000_000L, "pose", 0.4, 0, 0));
    }

    @Test
    void theCurrentShapeStillRoundTripsAndUnknownOrInvalidFieldsAreStillRefused() {
        JsonMessages<ProgressEvent> events = JsonMessages.progressEvents();
        ProgressEvent current = ProgressEvent.step(upload, video, com.skillmirror.analysis.Stage.DECODE, "proxy", 0.25,
                "writing").withEta(12, 30);
        assertThat(events.fromMessage(events.toMessage(current, new MessageProperties()))).isEqualTo(current);

        String old = "\"uploadId\":\"" + upload + "\",\"videoId\":null,\"stage\":null,\"percent\":40,"
                + "\"message\":\"x\",\"timestampMs\":1";
        assertThatThrownBy(() -> events.fromMessage(json("{\"type\":\"analysis_progress\"," + old + ",\"extra\":1}")))
                .isInstanceOf(MessageConversionException.class);
        assertThatThrownBy(() -> events.fromMessage(json("{\"type\":\"<script>\"," + old + "}")))
                .isInstanceOf(MessageConversionException.class);
        assertThatThrownBy(() -> events.fromMessage(json("{\"type\":\"analysis_progress\"," + old.replace("40", "140")
                + "}"))).isInstanceOf(MessageConversionException.class);
        // partition requests have one shape: a missing field is refused
        assertThatThrownBy(() -> JsonMessages.partitionRequests().fromMessage(json("{\"stepExecutionId\":672}")))
                .isInstanceOf(MessageConversionException.class);
    }

    private static Message json(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).build();
    }
}
