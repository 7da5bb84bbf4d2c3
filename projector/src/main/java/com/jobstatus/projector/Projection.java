package com.jobstatus.projector;

import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.store.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The projection rules of DESIGN.md section 5 as one pure function: the stored job (or none) and an event
 * in, the next job (or why nothing changes) out. No I/O, no clock of its own, no SDK types.
 *
 * <p>Convergence: the winner of {@code status}, {@code updatedAt}, {@code progress}, {@code error} and
 * {@code outputUrl} is the event with the greatest {@link OrderKey}; {@code createdAt} is the least
 * {@code occurredAt}. Both are max/min over the set of events, so the result does not depend on their
 * order or on how often each arrives.
 */
final class Projection {

    private Projection() {
    }

    /**
     * @param current the stored job, or null if there is none
     * @param now     the time the decision is made, for the TTL window
     * @param ttl     how long a job lives after its last update (30 days by default)
     */
    static Decision merge(JobRecord current, JobEvent event, Instant now, Duration ttl) {
        JobStatusChanged change = event.detail();
        Instant occurredAt = change.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        if (!occurredAt.plus(ttl).isAfter(now)) {
            return new Decision.Skip(Decision.SkipReason.EXPIRED);
        }
        if (current != null && !current.userId().equals(change.userId())) {
            return new Decision.Reject("owner",
                    "job " + change.jobId() + " belongs to another user; an event may not change a job's owner");
        }
        String key = OrderKey.of(event);
        if (current == null) {
            return new Decision.Write(winner(change, key, occurredAt, occurredAt, ttl, 1));
        }
        Instant createdAt = occurredAt.isBefore(current.createdAt()) ? occurredAt : current.createdAt();
        int order = OrderKey.compare(key, current.orderKey());
        if (order > 0) {
            return new Decision.Write(winner(change, key, createdAt, occurredAt, ttl, current.version() + 1));
        }
        if (createdAt.isBefore(current.createdAt())) {
            // a late first event: the job is older than we thought, everything else stays
            return new Decision.Write(new JobRecord(current.jobId(), current.userId(), current.status(),
                    current.attempt(), current.orderKey(), createdAt, current.updatedAt(), current.progress(),
                    current.error(), current.outputUrl(), current.ttl(), current.version() + 1));
        }
        return new Decision.Skip(order == 0 ? Decision.SkipReason.DUPLICATE : Decision.SkipReason.SUPERSEDED);
    }

    private static JobRecord winner(JobStatusChanged change, String key, Instant createdAt, Instant updatedAt,
                                    Duration ttl, long version) {
        JobStatus status = change.status();
        return new JobRecord(change.jobId(), change.userId(), status, change.attempt(), key, createdAt, updatedAt,
                status == JobStatus.PROCESSING ? change.progress() : null,
                status == JobStatus.FAILED ? change.error() : null,
                status == JobStatus.COMPLETED ? change.outputUrl() : null,
                updatedAt.plus(ttl).getEpochSecond(),
                version);
    }
}
