package com.jobstatus.store;

import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Jobs table in domain terms. One DynamoDB implementation ({@link DynamoJobRepository}); tests may
 * pass their own. Failures of the store surface as {@link StoreException}. Items other writers put in the
 * table read as jobs too ({@link JobRecord#foreign}).
 */
public interface JobRepository {

    /**
     * The stored job, read strongly consistently, with its {@link JobRecord#revision}; expired items are
     * returned too (see {@link JobRecord#isExpired}).
     */
    Optional<JobRecord> find(String jobId);

    /**
     * Writes {@code next} if the stored item is still as it was read ({@code expected}, the revision of what
     * {@link #find} returned; null: there was no item), the optimistic concurrency that lets concurrent
     * writers converge. Attributes of the item this service does not know are left as they are.
     *
     * @return false if another writer got there first: read again, merge again, try again
     */
    boolean apply(JobRecord next, Revision expected);

    /**
     * Writes an event's state without reading the job first, where that gives exactly what reading, merging and
     * {@link #apply}ing would (docs/DESIGN.md §5): there is no job yet (it becomes {@code first}), or the job is as this
     * service last wrote it, with the same owner, no other writer's state shown, created no later than
     * {@code first}, and its events' greatest key below {@code first}'s (it takes {@code first}'s state, keeps its
     * {@code createdAt}, and counts its version up). One conditional write for the common events: a new job's, and
     * the next one of a job.
     *
     * @param first the job as its one event makes it (version 1, created when the event occurred)
     * @return written; or, when the job is not such a job, the job as stored (none: no job), to merge the event
     *         with and {@link #apply}: the condition refuses some writes the merge would make, never the reverse
     */
    Advance advance(JobRecord first);

    /** What {@link #advance} did. */
    sealed interface Advance {

        /** The event's state is written. */
        Advance WRITTEN = new Written();

        record Written() implements Advance {
        }

        /** Nothing written: the job as it is stored, read when the write was refused (empty: there is none). */
        record Refused(Optional<JobRecord> stored) implements Advance {
        }
    }

    /**
     * A page of a user's jobs that have not expired, newest first ({@code byUser} index).
     *
     * @param status only jobs in this status (as readers see it), or null for all
     * @param after  where the previous page ended, or null for the first page
     */
    Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now);

    /**
     * Where in a user's list a page ends: the last job it looked at.
     *
     * @param createdAt the job's {@code createdAt} exactly as the index holds it (another writer's spelling
     *                  too), so the next page starts exactly after it
     */
    record Position(String createdAt, String jobId) {
    }

    /** @param next where the next page starts, or null if this is the last page */
    record Page(List<JobRecord> items, Position next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
