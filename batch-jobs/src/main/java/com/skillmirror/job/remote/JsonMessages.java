package com.skillmirror.job.remote;

import com.skillmirror.analysis.ProgressEvent;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker's only message format: JSON of exactly one of our message records. Anything else (Java serialization,
 * another content type, unknown or missing fields, a huge or deeply nested document) is refused with a
 * MessageConversionException, which the listener container treats as fatal: logged and rejected without requeue,
 * never executed, and the consumer goes on with the next message. No type comes from the message itself.
 */
final class JsonMessages<T> implements MessageConverter {

    static final String CONTENT_TYPE = MessageProperties.CONTENT_TYPE_JSON;
    /** Our messages are a few hundred bytes; the limit keeps a hostile one from costing memory or time. */
    static final int MAX_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(JsonMessages.class);
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                            .maxStringLength(MAX_BYTES).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> EVENT_TYPES = Set.of(ProgressEvent.STARTED, ProgressEvent.PROGRESS,
            ProgressEvent.FEEDBACK, ProgressEvent.COMPLETE, ProgressEvent.ERROR);

    private final Class<T> type;
    private final Predicate<T> valid;

    JsonMessages(Class<T> type, Predicate<T> valid) {
        this.type = type;
        this.valid = valid;
    }

    static JsonMessages<PartitionRequest> partitionRequests() {
        // a broker client may only ask for the steps that run per partition, never a manager step such as teamReport
        return new JsonMessages<>(PartitionRequest.class,
                request -> com.skillmirror.analysis.StepNames.WORKER_STEPS.contains(request.stepName()));
    }

    /**
     * Progress reaches browsers: only the five event types, for an upload, with a percentage and a fraction in
     * range, a short sub-step name of our own alphabet, estimates that are not negative.
     */
    static JsonMessages<ProgressEvent> progressEvents() {
        return new JsonMessages<>(ProgressEvent.class, event -> EVENT_TYPES.contains(event.type())
                && event.uploadId() != null && event.percent() >= 0 && event.percent() <= 100
                && event.fraction() >= 0 && event.fraction() <= 1
                && (event.step() == null || event.step().matches("[A-Za-z0-9/-]{1,40}"))
                && event.etaSeconds() >= 0 && event.uploadEtaSeconds() >= 0);
    }

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!type.isInstance(object)) {
            throw new MessageConversionException("Only " + type.getSimpleName() + " is sent here, not "
                    + (object == null ? "null" : object.getClass().getName()));
        }
        byte[] body = MAPPER.writeValueAsBytes(object);
        properties.setContentType(CONTENT_TYPE);
        properties.setContentEncoding("UTF-8");
        properties.setContentLength(body.length);
        return new Message(body, properties);
    }

    @Override
    public T fromMessage(Message message) {
        MessageProperties properties = message.getMessageProperties();
        String contentType = properties.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE)) {
            throw refused(properties, "content type " + contentType + " is not " + CONTENT_TYPE);
        }
        byte[] body = message.getBody();
        if (body == null || body.length > MAX_BYTES) {
            throw refused(properties, (body == null ? 0 : body.length) + " bytes (at most " + MAX_BYTES + ")");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw refused(properties, "not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
        if (value == null || !valid.test(value)) {
            throw refused(properties, "not a valid " + type.getSimpleName());
        }
        return value;
    }

    private MessageConversionException refused(MessageProperties properties, String why) {
        String text = "Refused a message on " + properties.getConsumerQueue() + " (rejected, not requeued): " + why;
        log.warn(text);
        return new MessageConversionException(text);
    }
}
