package com.jobstatus.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Job events as the platform publishes them, for the demo and the printed examples: FalInvoker's
 * {@code Job Status Changed}, and the video generator's {@code video.rendered}.
 */
final class SampleEvents {

    private SampleEvents() {
    }

    /**
     * The {@code detail} (DESIGN.md section 3).
     *
     * @param progress  only with PROCESSING, else null
     * @param outputUrl only with COMPLETED, else null
     */
    static ObjectNode detail(String jobId, String userId, JobStatus status, Instant occurredAt, Integer progress,
                             String outputUrl) {
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("jobId", jobId)
                .put("userId", userId)
                .put("status", status.name())
                .put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
        if (progress != null) {
            detail.put("progress", progress);
        }
        if (outputUrl != null) {
            detail.put("outputUrl", outputUrl);
        }
        return detail;
    }

    /** A {@code video.rendered} detail as the video generator sends it: no status, no time of its own. */
    static ObjectNode rendered(String jobId, String userId, String videoUrl) {
        return Json.MAPPER.createObjectNode()
                .put("jobId", jobId)
                .put("userId", userId)
                .put("videoUrl", videoUrl)
                .put("seconds", 5)
                .put("model", "fal-ai/ltx-video");
    }

    /** PutEvents' {@code Entries}, as the AWS CLI takes them in {@code --entries}. */
    static ArrayNode entries(String eventBusName, String source, String detailType, ObjectNode detail) {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        entries.addObject()
                .put("EventBusName", eventBusName)
                .put("Source", source)
                .put("DetailType", detailType)
                .put("Detail", detail.toString());
        return entries;
    }
}
