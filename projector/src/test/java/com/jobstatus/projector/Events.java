package com.jobstatus.projector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.schemas.Json;
import java.time.Instant;

/** Writes events as FalInvoker publishes them and EventBridge delivers them, for tests. */
public final class Events {

    private Events() {
    }

    public static String toJson(JobEvent event) {
        ObjectNode envelope = Json.MAPPER.createObjectNode()
                .put("version", "0")
                .put("id", event.id())
                .put("detail-type", EventContract.DETAIL_TYPE)
                .put("source", event.source())
                .put("account", "000000000000")
                .put("time", Instant.now().toString())
                .put("region", "us-east-1");
        envelope.putArray("resources");
        envelope.set("detail", detail(event.detail()));
        return envelope.toString();
    }

    /** The detail alone, as FalInvoker puts it in a PutEvents entry. */
    public static String detailJson(JobStatusChanged change) {
        return detail(change).toString();
    }

    private static ObjectNode detail(JobStatusChanged change) {
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("jobId", change.jobId())
                .put("userId", change.userId())
                .put("status", change.status().name())
                .put("occurredAt", change.occurredAt().toString())
                .put("attempt", change.attempt());
        if (change.progress() != null) {
            detail.put("progress", change.progress());
        }
        if (change.error() != null) {
            detail.putObject("error").put("code", change.error().code()).put("message", change.error().message());
        }
        if (change.outputUrl() != null) {
            detail.put("outputUrl", change.outputUrl());
        }
        return detail;
    }
}
