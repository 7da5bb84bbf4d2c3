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
        putStatusDetails(node, job.progress(), job.error(), job.outputUrl());
        return node;
    }

    /** {@code progress}, {@code error} and {@code outputUrl}, each only when present: a job and an event spell them alike. */
    static void putStatusDetails(ObjectNode node, Integer progress, JobError error, String outputUrl) {
        if (progress != null) {
            node.put("progress", progress);
        }
        if (error != null) {
            node.putObject("error").put("code", error.code()).put("message", error.message());
        }
        if (outputUrl != null) {
            node.put("outputUrl", outputUrl);
        }
    }

    public static String text(Job job) {
        return node(job).toString();
    }
}
