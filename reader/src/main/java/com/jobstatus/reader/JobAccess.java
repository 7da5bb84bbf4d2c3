package com.jobstatus.reader;

import com.jobstatus.store.JobRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may see a job, as a pure decision: its owner, while it has not expired. Everyone else learns
 * nothing, not even that it exists: another user's job looks exactly like an unknown id.
 */
final class JobAccess {

    private JobAccess() {
    }

    static Optional<JobRecord> visibleTo(String callerId, Optional<JobRecord> stored, Instant now) {
        return stored.filter(job -> callerId.equals(job.userId()) && !job.isExpired(now));
    }
}
