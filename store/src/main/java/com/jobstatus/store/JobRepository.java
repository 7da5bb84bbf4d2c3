package com.jobstatus.store;

import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Jobs table in domain terms. One DynamoDB implementation ({@link DynamoJobRepository}); tests may
 * pass their own. Failures of the store surface as {@link StoreException}.
 */
public interface JobRepository {

    /** The stored job, read strongly consistently; expired items are returned too (see {@link JobRecord#isExpired}). */
    Optional<JobRecord> find(String jobId);

    /**
     * Writes {@code next} if the stored item is still at {@code expectedVersion} (0: no item yet), the
     * optimistic concurrency that lets concurrent projectors converge.
     *
     * @return false if another writer got there first: read again, merge again, try again
     */
    boolean apply(JobRecord next, long expectedVersion);

    /**
     * A page of a user's jobs that have not expired, newest first ({@code byUser} index).
     *
     * @param status only jobs in this status, or null for all
     * @param after  where the previous page ended, or null for the first page
     */
    Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now);

    /** Where in a user's list a page ends: the last job it looked at. */
    record Position(Instant createdAt, String jobId) {
    }

    /** @param next where the next page starts, or null if this is the last page */
    record Page(List<JobRecord> items, Position next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
