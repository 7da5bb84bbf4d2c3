package com.jobstatus.store;

import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link JobRepository} in a map, with the same version check as the DynamoDB one, for unit tests of the
 * code around the store. The DynamoDB implementation is tested against a real server in
 * {@link DynamoJobRepositoryIT}.
 */
public class InMemoryJobRepository implements JobRepository {

    private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();

    @Override
    public Optional<JobRecord> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized boolean apply(JobRecord next, long expectedVersion) {
        JobRecord current = jobs.get(next.jobId());
        long currentVersion = current == null ? 0 : current.version();
        if (currentVersion != expectedVersion) {
            return false;
        }
        jobs.put(next.jobId(), next);
        return true;
    }

    @Override
    public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
        Comparator<JobRecord> newestFirst = Comparator.comparing(JobRecord::createdAt)
                .thenComparing(JobRecord::jobId).reversed();
        List<JobRecord> mine = jobs.values().stream()
                .filter(j -> j.userId().equals(userId) && !j.isExpired(now))
                .filter(j -> status == null || j.status() == status)
                .sorted(newestFirst)
                .filter(j -> after == null || newestFirst.compare(j, position(after)) > 0)
                .toList();
        List<JobRecord> page = mine.subList(0, Math.min(limit, mine.size()));
        JobRecord last = page.isEmpty() ? null : page.getLast();
        return new Page(page, mine.size() > limit ? new Position(last.createdAt(), last.jobId()) : null);
    }

    /** Everything stored, for assertions. */
    public Map<String, JobRecord> all() {
        return Map.copyOf(jobs);
    }

    private static JobRecord position(Position p) {
        return new JobRecord(p.jobId(), "", JobStatus.QUEUED, 1, "", p.createdAt(), p.createdAt(), null, null, null,
                0, 0);
    }
}
