package com.jobstatus.projector;

import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobState;
import com.jobstatus.store.OrderKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The projection rules of docs/DESIGN.md §5 as one pure function: the stored job (or none) and an event
 * in, the next job (or why nothing changes: stale, or rejected) out. No I/O, no clock of its own, no SDK types.
 *
 * <p>Convergence: what the events say ({@link JobRecord#projected}) is the state of the event with the greatest
 * {@link OrderKey}; {@code createdAt} is the least {@code occurredAt}. Both are max/min over the set of events, so
 * the result does not depend on their order or on how often each arrives.
 *
 * <p>Other writers: an item may also hold what another writer last put in the table ({@link JobRecord#foreign}),
 * ranked as a state of attempt 1 at its {@code updatedAt}. Events merge with what the events said, never with
 * that, so another writer's state can neither block an event nor be taken for one; readers see the greater of
 * the two. Once the events rank above another writer's state it is dropped: they only rank higher from then on.
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
            return new Decision.Stale(Decision.StaleReason.EXPIRED);
        }
        if (current != null && current.userId() != null && !current.userId().equals(change.userId())) {
            return new Decision.Reject("owner",
                    "job " + change.jobId() + " belongs to another user; an event may not change a job's owner");
        }
        JobState state = state(change, OrderKey.of(event), occurredAt);
        if (current == null) {
            return new Decision.Write(next(change.jobId(), change.userId(), occurredAt, state, null, ttl, 1));
        }
        String owner = current.userId() != null ? current.userId() : change.userId();
        Instant createdAt = occurredAt.isBefore(current.createdAt()) ? occurredAt : current.createdAt();
        JobState projected = current.projected();
        if (state.isAfter(projected)) {
            return new Decision.Write(next(change.jobId(), owner, createdAt, state, current.foreign(), ttl,
                    current.version() + 1));
        }
        if (createdAt.isBefore(current.createdAt())) {
            // a late first event: the job is older than we thought, everything else stays
            return new Decision.Write(next(change.jobId(), owner, createdAt, projected, current.foreign(), ttl,
                    current.version() + 1));
        }
        return new Decision.Stale(OrderKey.compare(state.orderKey(), projected.orderKey()) == 0
                ? Decision.StaleReason.DUPLICATE : Decision.StaleReason.SUPERSEDED);
    }

    private static JobState state(JobStatusChanged change, String key, Instant occurredAt) {
        JobStatus status = change.status();
        return new JobState(status, change.attempt(), key, occurredAt,
                status == JobStatus.PROCESSING ? change.progress() : null,
                status == JobStatus.FAILED ? change.error() : null,
                status == JobStatus.COMPLETED ? change.outputUrl() : null);
    }

    /** The job with these states; its TTL runs from the later update of the two (docs/DESIGN.md §5, rule 3). */
    private static JobRecord next(String jobId, String userId, Instant createdAt, JobState projected,
                                  JobState foreign, Duration ttl, long version) {
        JobState ahead = foreign != null && foreign.isAfter(projected) ? foreign : null;
        Instant updatedAt = ahead != null && ahead.updatedAt().isAfter(projected.updatedAt())
                ? ahead.updatedAt() : projected.updatedAt();
        return new JobRecord(jobId, userId, createdAt, projected, ahead, updatedAt.plus(ttl).getEpochSecond(),
                version, null);
    }
}
