package com.jobstatus.schemas;

import java.time.Instant;

/**
 * The detail of a valid {@code Job Status Changed} event (DESIGN.md section 3), after
 * {@link EventContract} has checked it. {@code progress}, {@code error} and {@code outputUrl} are null
 * unless the status allows them and the producer sent them.
 */
public record JobStatusChanged(
        String jobId,
        String userId,
        JobStatus status,
        Instant occurredAt,
        int attempt,
        Integer progress,
        JobError error,
        String outputUrl) {
}
