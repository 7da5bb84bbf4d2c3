package com.jobstatus.schemas;

import java.time.Instant;

/**
 * A job as the Read API shows it to its owner ({@code job.schema.json}). The instants carry millisecond
 * precision; {@link Timestamps#format} renders them.
 */
public record Job(
        String jobId,
        JobStatus status,
        Instant createdAt,
        Instant updatedAt,
        Integer progress,
        JobError error,
        String outputUrl) {
}
