package com.jobstatus.ops;

import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.Revision;
import java.time.Instant;
import java.util.Optional;

/**
 * The Jobs table for a dry run: reads are real, so every decision is the one a real run would make against
 * the current table; writes only pretend to win and store nothing. A write without a read is never tried: the
 * job is read instead, so the merge decides what a real run would do.
 */
final class DryRunRepository implements JobRepository {

    private final JobRepository table;

    DryRunRepository(JobRepository table) {
        this.table = table;
    }

    @Override
    public Optional<JobRecord> find(String jobId) {
        return table.find(jobId);
    }

    @Override
    public boolean apply(JobRecord next, Revision expected) {
        return true;
    }

    @Override
    public Advance advance(JobRecord first) {
        return new Advance.Refused(table.find(first.jobId()));
    }

    @Override
    public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
        return table.listByUser(userId, status, limit, after, now);
    }
}
