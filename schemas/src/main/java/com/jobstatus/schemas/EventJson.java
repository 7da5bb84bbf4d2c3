package com.jobstatus.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one writer of job events' JSON (docs/DESIGN.md §3): a {@code Job Status Changed} detail as FalInvoker puts it
 * in a PutEvents entry, the video generator's {@code video.rendered} detail, and the EventBridge envelope the rule
 * delivers to ProjectorFn. The local stack's demo and examples, the bench, priming and the tests write events
 * with it, so the shape is written down once, beside the schema it follows.
 */
public final class EventJson {

    /** What EventBridge puts in the envelope's {@code account} and {@code region}; the projector reads neither. */
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    private EventJson() {
    }

    /**
     * The detail of {@code change}, every time to the precision it has; {@code attempt} only past 1 (the schema's
     * default), as FalInvoker's examples leave it out.
     */
    public static ObjectNode detail(JobStatusChanged change) {
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("jobId", change.jobId())
                .put("userId", change.userId())
                .put("status", change.status().name())
                .put("occurredAt", change.occurredAt().toString());
        if (change.attempt() != 1) {
            detail.put("attempt", change.attempt());
        }
        JobJson.putStatusDetails(detail, change.progress(), change.error(), change.outputUrl());
        return detail;
    }

    /**
     * A first attempt's detail as FalInvoker sends it, {@code occurredAt} to the millisecond.
     *
     * @param progress  only with PROCESSING, else null
     * @param outputUrl only with COMPLETED, else null
     */
    public static ObjectNode detail(String jobId, String userId, JobStatus status, Instant occurredAt, Integer progress,
                                    String outputUrl) {
        return detail(new JobStatusChanged(jobId, userId, status, occurredAt.truncatedTo(ChronoUnit.MILLIS), 1,
                progress, null, outputUrl));
    }

    /** A {@code video.rendered} detail as the video generator sends it: no status, no time of its own. */
    public static ObjectNode videoRendered(String jobId, String userId, String videoUrl) {
        return Json.MAPPER.createObjectNode()
                .put("jobId", jobId)
                .put("userId", userId)
                .put("videoUrl", videoUrl)
                .put("seconds", 5)
                .put("model", "fal-ai/ltx-video");
    }

    /** {@code event} as the rule delivers it, sent at {@code time}. */
    public static ObjectNode envelope(JobEvent event, Instant time) {
        return envelope(event.id(), event.source(), EventContract.DETAIL_TYPE, time, detail(event.detail()));
    }

    /** An EventBridge envelope around any detail, as the rule delivers it. */
    public static ObjectNode envelope(String id, String source, String detailType, Instant time, JsonNode detail) {
        ObjectNode envelope = Json.MAPPER.createObjectNode()
                .put("version", "0")
                .put("id", id)
                .put("detail-type", detailType)
                .put("source", source)
                .put("account", ACCOUNT)
                .put("time", time.toString())
                .put("region", REGION);
        envelope.putArray("resources");
        envelope.set("detail", detail);
        return envelope;
    }
}
