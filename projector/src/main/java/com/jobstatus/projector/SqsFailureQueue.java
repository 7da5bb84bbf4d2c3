package com.jobstatus.projector;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The failure queue on SQS. The body is the event exactly as it arrived, the same shape the rule's
 * dead-letter queue holds, so one redrive handles both; the reason travels in message attributes, whose
 * names are public for the ops redrive that reads them.
 */
public final class SqsFailureQueue implements FailureQueue {

    public static final String ATTR_REASON = "reason";
    public static final String ATTR_RULE = "rule";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_JOB_ID = "jobId";
    public static final String ATTR_REJECTED_BY = "rejectedBy";
    /** SQS attribute values share the 256 KB message limit; a reason longer than this is cut. */
    private static final int MAX_REASON_CHARS = 4000;

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
        put(attributes, ATTR_REASON, reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        put(attributes, ATTR_RULE, rule);
        put(attributes, ATTR_EVENT_ID, eventId);
        put(attributes, ATTR_JOB_ID, jobId);
        put(attributes, ATTR_REJECTED_BY, rejectedBy);
        // an SQS failure propagates: the invocation fails and is retried, so the event is not lost
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(rawEvent).messageAttributes(attributes));
    }

    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }
}
