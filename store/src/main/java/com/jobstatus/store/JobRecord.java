package com.jobstatus.store;

import com.jobstatus.schemas.Job;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;

/**
 * A job as the Jobs table stores it (docs/DESIGN.md §4): what the events seen so far projected, and what
 * another writer last put in the table, if anything; readers see the greater of the two ({@link #current}).
 *
 * @param userId    the owner's Cognito {@code sub}; null when another writer's item names no owner (nobody sees
 *                  it, and the first event sets it)
 * @param createdAt the earliest time known: of the events, and the item's own {@code createdAt}
 * @param projected what the events seen so far say (docs/DESIGN.md §5), or null if none was seen
 * @param foreign   what another writer last put in the table, while it ranks above {@code projected}; null
 *                  when there is none (an item this service wrote and nobody changed since)
 * @param ttl       epoch seconds after which DynamoDB may delete the item (lazily, so readers must treat
 *                  {@code ttl <= now} as gone); {@link #NEVER_EXPIRES} when the item has none
 * @param version   how many times this service wrote the item (0: never)
 * @param revision  how the item was when read, for the next conditional write; null for a record built to be
 *                  written
 */
public record JobRecord(
        String jobId,
        String userId,
        Instant createdAt,
        JobState projected,
        JobState foreign,
        long ttl,
        long version,
        Revision revision) {

    /** An item without a numeric {@code ttl} never expires: DynamoDB's TTL ignores it too. */
    public static final long NEVER_EXPIRES = Long.MAX_VALUE;

    public JobRecord {
        if (projected == null && foreign == null) {
            throw new IllegalArgumentException("job " + jobId + " has no state");
        }
    }

    /** A job only our events wrote, the state they projected given field by field. */
    public JobRecord(String jobId, String userId, JobStatus status, int attempt, String orderKey, Instant createdAt,
                     Instant updatedAt, Integer progress, JobError error, String outputUrl, long ttl, long version) {
        this(jobId, userId, createdAt, new JobState(status, attempt, orderKey, updatedAt, progress, error, outputUrl),
                null, ttl, version, null);
    }

    /** The state readers see: the greater (by order key) of what the events say and what another writer wrote. */
    public JobState current() {
        return foreign != null && foreign.isAfter(projected) ? foreign : projected;
    }

    public JobStatus status() {
        return current().status();
    }

    public int attempt() {
        return current().attempt();
    }

    public String orderKey() {
        return current().orderKey();
    }

    public Instant updatedAt() {
        return current().updatedAt();
    }

    public Integer progress() {
        return current().progress();
    }

    public JobError error() {
        return current().error();
    }

    public String outputUrl() {
        return current().outputUrl();
    }

    /** True once DynamoDB's TTL may have deleted the item, whether or not it has yet. */
    public boolean isExpired(Instant now) {
        return ttl <= now.getEpochSecond();
    }

    /** What the owner sees of it through the Read API. */
    public Job toJob() {
        JobState state = current();
        return new Job(jobId, state.status(), createdAt, state.updatedAt(), state.progress(), state.error(),
                state.outputUrl());
    }

    /** The same job content with another version: a record to write, so without the revision of any read. */
    public JobRecord withVersion(long newVersion) {
        return new JobRecord(jobId, userId, createdAt, projected, foreign, ttl, newVersion, null);
    }
}
