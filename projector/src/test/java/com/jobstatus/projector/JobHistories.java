package com.jobstatus.projector;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random but plausible job lifecycles, from a seed: 1-3 attempts, each queued, with progress updates, failed
 * if retried, else maybe completed or failed. For the property tests here and the reliability suite.
 */
public final class JobHistories {

    private JobHistories() {
    }

    /** One lifecycle of job {@code job-1} of {@code user-1}, starting at {@code start}. */
    public static List<JobEvent> history(Random random, Instant start) {
        return history(random, start, "job-1", "user-1");
    }

    public static List<JobEvent> history(Random random, Instant start, String jobId, String userId) {
        List<JobEvent> events = new ArrayList<>();
        int attempts = 1 + random.nextInt(3);
        Instant t = start;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            events.add(event(random, jobId, userId, JobStatus.QUEUED, t, attempt, null));
            int updates = random.nextInt(4);
            int progress = 0;
            for (int u = 0; u < updates; u++) {
                t = t.plusMillis(random.nextInt(4) == 0 ? 0 : random.nextInt(5_000)); // equal times happen
                progress = Math.min(100, progress + random.nextInt(40));
                events.add(event(random, jobId, userId, JobStatus.PROCESSING, t, attempt, progress));
            }
            t = t.plusMillis(1 + random.nextInt(5_000));
            boolean last = attempt == attempts;
            int ending = random.nextInt(3);
            if (!last || ending == 0) {
                events.add(event(random, jobId, userId, JobStatus.FAILED, t, attempt, null));
            } else if (ending == 1) {
                events.add(event(random, jobId, userId, JobStatus.COMPLETED, t, attempt, null));
            }
            t = t.plusMillis(random.nextInt(3_000));
        }
        return events;
    }

    /** The job as the projection rules make it from these events, or null if none is recent enough to keep. */
    public static com.jobstatus.store.JobRecord project(List<JobEvent> events, Instant now, Duration ttl) {
        com.jobstatus.store.JobRecord job = null;
        for (JobEvent event : events) {
            if (Projection.merge(job, event, now, ttl) instanceof Decision.Write write) {
                job = write.next();
            }
        }
        return job;
    }

    private static JobEvent event(Random random, String jobId, String userId, JobStatus status, Instant at,
                                  int attempt, Integer progress) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        // sub-millisecond precision happens too: FalInvoker may send microseconds
        Instant occurredAt = random.nextInt(5) == 0 ? at.plusNanos(random.nextInt(1_000_000)) : at;
        return new JobEvent(id, EventContract.DEFAULT_SOURCE, new JobStatusChanged(jobId, userId, status, occurredAt,
                attempt, progress,
                status == JobStatus.FAILED ? new JobError("E" + attempt, "failed " + id) : null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/" + id + ".mp4" : null));
    }
}
