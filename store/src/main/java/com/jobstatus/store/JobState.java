package com.jobstatus.store;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One account of where a job stands: what the events projected so far, or what another writer last put in
 * the table (docs/DESIGN.md §4). {@code progress}, {@code error} and {@code outputUrl} are null unless the
 * status allows them.
 *
 * @param attempt  the attempt it belongs to; 1 for another writer's state
 * @param orderKey its place in the order of docs/DESIGN.md §5 ({@link OrderKey}): the greater key wins
 */
public record JobState(JobStatus status, int attempt, String orderKey, Instant updatedAt, Integer progress,
                       JobError error, String outputUrl) {

    public JobState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(orderKey, "orderKey");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** True when this state ranks above {@code other}, or there is no other. */
    public boolean isAfter(JobState other) {
        return other == null || OrderKey.compare(orderKey, other.orderKey) > 0;
    }

    /** The same for a reader (status, time, progress, error, output), whatever the keys. */
    boolean saysTheSameAs(JobState other) {
        return other != null && status == other.status && updatedAt.equals(other.updatedAt)
                && Objects.equals(progress, other.progress) && Objects.equals(error, other.error)
                && Objects.equals(outputUrl, other.outputUrl);
    }
}
