package com.jobstatus.schemas;

import java.time.Instant;

/**
 * The detail of a valid {@code Job Status Changed} event (docs/DESIGN.md §3), after
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

    /**
     * The largest {@code attempt} (the schema's {@code maximum}, a test holds them equal): attempt leads the
     * order of a job's events, so without a bound one event could outrank every later one for ever.
     */
    public static final int MAX_ATTEMPT = 1000;

    public JobStatusChanged {
        if (attempt < 1 || attempt > MAX_ATTEMPT) {
            throw new IllegalArgumentException("attempt must be 1 to " + MAX_ATTEMPT + ", was " + attempt);
        }
    }
}
