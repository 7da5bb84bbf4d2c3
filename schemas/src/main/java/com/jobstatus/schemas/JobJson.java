package com.jobstatus.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A job as its owner sees it ({@code job.schema.json}), written one way for every channel: the body of
 * {@code GET /v1/jobs/{id}}, each item of the list, and each WebSocket push message.
 */
public final class JobJson {

    private JobJson() {
    }

    public static ObjectNode node(Job job) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("jobId", job.jobId())
                .put("status", job.status().name())
                .put("createdAt", Timestamps.format(job.createdAt()))
                .put("updatedAt", Timestamps.format(job.updatedAt()));
        if (job.progress() != null) {
            node.put("progress", job.progress());
        }
        if (job.error() != null) {
            node.putObject("error").put("code", job.error().code()).put("message", job.error().message());
        }
        if (job.outputUrl() != null) {
            node.put("outputUrl", job.outputUrl());
        }
        return node;
    }

    public static String text(Job job) {
        return node(job).toString();
    }
}
