package com.skillmirror.job.remote;

import com.skillmirror.analysis.ProgressEvent;
import java.util.Set;
import java.util.function.Function;
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
 * <p>
 * Rolling upgrades: a progress event of the shape before sub-steps and estimates (seven fields, from a worker not
 * upgraded yet) is read strictly as that older shape and becomes an event of its stage as a whole, as
 * {@link ProgressEvent#of} makes them; unknown fields stay refused in both shapes (a newer message is not guessed at),
 * and partition requests have one shape only.
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
    private final Class<?> olderType;
    private final Function<Object, T> upgrade;

    JsonMessages(Class<T> type, Predicate<T> valid) {
        this(type, valid, null, null);
    }

    /** @param olderType a previous shape of the message, read (as strictly) when the current one does not fit */
    <O> JsonMessages(Class<T> type, Predicate<T> valid, Class<O> olderType, Function<O, T> upgrade) {
        this.type = type;
        this.valid = valid;
        this.olderType = olderType;
        this.upgrade = olderType == null ? null : older -> upgrade.apply(olderType.cast(older));
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
                && event.etaSeconds() >= 0 && event.uploadEtaSeconds() >= 0,
                ProgressEventV1.class, ProgressEventV1::upgrade);
    }

    /** A progress event as workers sent it before sub-steps and estimates: its stage as a whole, no estimates. */
    record ProgressEventV1(String type, java.util.UUID uploadId, java.util.UUID videoId, String stage, int percent,
                           String message, long timestampMs) {
        ProgressEvent upgrade() {
            return new ProgressEvent(type, uploadId, videoId, stage, percent, message, timestampMs, stage,
                    Math.max(0, Math.min(100, percent)) / 100.0, 0, 0);
        }
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
            value = older(body);
            if (value == null) {
                throw refused(properties, "not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
            }
        }
        if (value == null || !valid.test(value)) {
            throw refused(properties, "not a valid " + type.getSimpleName());
        }
        return value;
    }

    /** The message read as its older shape and upgraded, or null when there is none or it does not fit either. */
    private T older(byte[] body) {
        if (olderType == null) {
            return null;
        }
        try {
            return upgrade.apply(MAPPER.readValue(body, olderType));
        } catch (JacksonException e) {
            return null;
        }
    }

    private MessageConversionException refused(MessageProperties properties, String why) {
        String text = "Refused a message on " + properties.getConsumerQueue() + " (rejected, not requeued): " + why;
        log.warn(text);
        return new MessageConversionException(text);
    }
}
