package com.jobstatus.projector;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.Texts;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The failure queue on SQS. The body is the event exactly as it arrived, the same shape the rule's
 * dead-letter queue holds, so one redrive handles both; the reason travels in message attributes, whose
 * names are public for the ops redrive that reads them.
 *
 * <p>SQS refuses a whole message for one character it does not take ({@link SqsText}), and attribute values
 * quote the event (its job id, a reason naming a raw value). A refused send would fail the invocation and
 * turn a refusal into retries, so: attribute values are sent with such characters escaped; a body with one
 * is sent as a JSON string of ASCII, marked {@link #BODY_AS_JSON_STRING}, which keeps the event exactly; and
 * if SQS still refuses the message's content, it is sent again without attributes (the reason is in the
 * function's log line for the event). Only if that fails too does the send throw, and the event is retried.
 */
public final class SqsFailureQueue implements FailureQueue {

    public static final String ATTR_REASON = "reason";
    public static final String ATTR_RULE = "rule";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_JOB_ID = "jobId";
    public static final String ATTR_REJECTED_BY = "rejectedBy";
    /** Present when the body is not the event itself but an encoding of it; its value names the encoding. */
    public static final String ATTR_BODY_ENCODING = "bodyEncoding";
    /** The body is a JSON string whose value is the event, because the event has characters SQS refuses. */
    public static final String BODY_AS_JSON_STRING = "json-string";
    /** SQS attribute values share the message size limit; a reason longer than this is cut. */
    static final int MAX_REASON_CHARS = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(SqsFailureQueue.class);
    private static final ObjectWriter ASCII_JSON = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String rejectedBy;

    SqsFailureQueue(SqsClient sqs, String queueUrl, String rejectedBy) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.rejectedBy = rejectedBy;
    }

    @Override
    public void send(String rawEvent, String reason, String rule, String eventId, String jobId) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        put(attributes, ATTR_REASON, Texts.cut(SqsText.clean(reason), MAX_REASON_CHARS));
        put(attributes, ATTR_RULE, rule);
        put(attributes, ATTR_EVENT_ID, eventId);
        put(attributes, ATTR_JOB_ID, jobId);
        put(attributes, ATTR_REJECTED_BY, rejectedBy);
        String body = rawEvent;
        if (!SqsText.isClean(rawEvent)) {
            body = asciiJsonString(rawEvent);
            put(attributes, ATTR_BODY_ENCODING, BODY_AS_JSON_STRING);
        }
        try {
            send(body, attributes);
        } catch (SqsException e) {
            if (e.statusCode() != 400 || e.isThrottlingException()) {
                throw e; // not about the content: the invocation fails and is retried, so the event is not lost
            }
            LOG.warn("the failure queue refused the message with its attributes; sending the event without them",
                    entry("eventId", SqsText.clean(String.valueOf(eventId))),
                    entry("errorCode", e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode()));
            send(body, Map.of());
        }
    }

    private void send(String body, Map<String, MessageAttributeValue> attributes) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes));
    }

    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String")
                    .stringValue(SqsText.clean(value)).build());
        }
    }

    private static String asciiJsonString(String text) {
        try {
            return ASCII_JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string could not be written as JSON", e);
        }
    }
}
