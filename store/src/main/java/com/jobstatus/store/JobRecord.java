package com.jobstatus.store;

import com.jobstatus.schemas.Job;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;

/**
 * A job as the Jobs table stores it: the projection of the events seen so far (DESIGN.md section 4).
 *
 * @param orderKey the sortable key of the event that won {@code status}, {@code updatedAt}, {@code progress},
 *                 {@code error} and {@code outputUrl}; the projector compares keys, the store only keeps it
 * @param ttl      epoch seconds after which DynamoDB may delete the item (it does so lazily, so readers
 *                 must treat {@code ttl <= now} as gone)
 * @param version  optimistic-concurrency counter: 1 for the first write, +1 per write
 */
public record JobRecord(
        String jobId,
        String userId,
        JobStatus status,
        int attempt,
        String orderKey,
        Instant createdAt,
        Instant updatedAt,
        Integer progress,
        JobError error,
        String outputUrl,
        long ttl,
        long version) {

    /** True once DynamoDB's TTL may have deleted the item, whether or not it has yet. */
    public boolean isExpired(Instant now) {
        return ttl <= now.getEpochSecond();
    }

    /** What the owner sees of it through the Read API. */
    public Job toJob() {
        return new Job(jobId, status, createdAt, updatedAt, progress, error, outputUrl);
    }

    /** The same job, failed for the given reason. */
    public JobRecord withError(JobError newError) {
        return new JobRecord(jobId, userId, status, attempt, orderKey, createdAt, updatedAt, progress, newError,
                outputUrl, ttl, version);
    }

    /** The same job content with another version, for the next conditional write. */
    public JobRecord withVersion(long newVersion) {
        return new JobRecord(jobId, userId, status, attempt, orderKey, createdAt, updatedAt, progress, error,
                outputUrl, ttl, newVersion);
    }
}
