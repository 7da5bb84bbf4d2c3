package com.jobstatus.projector;

import com.jobstatus.runtime.PrimingContext;
import com.jobstatus.runtime.PrimingRounds;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.Revision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ProjectorFn runs before a SnapStart snapshot (docs/DESIGN.md §10; registered by {@link ProjectorWiring}): the
 * handler's own {@code handleRequest} on a job's three events (QUEUED, PROCESSING, COMPLETED) for enough rounds that
 * C1 has compiled the event path, so the restored function starts with compiled code (BENCHMARKS.md "Levers").
 * Its handler is the function's, over the real table: every read is real, and every write is a real conditional
 * UpdateItem that cannot succeed ({@link Revision#never()}) reported as written; the last event of a round takes
 * the path of a refused one-write (merge, then the conditional write). Nothing reaches the failure queue; log lines
 * and metrics are produced but written nowhere ({@link PrimingRounds}); one line says what priming did.
 */
final class ProjectorPriming {

    /** A valid job id, so the contract passes it; priming never writes it, whatever the table holds. */
    static final String JOB = "job-status-priming";
    /**
     * Rounds before the snapshot: 100 left the mean of the first 1,000 requests after a restore at 1.6× (GetJobFn)
     * and 2.0× (ProjectorFn) of the peer, 600 at 0.84× and 1.33×, for ~9 s and ~11 s of CPU once per published
     * version (BENCHMARKS.md "What each lever bought").
     */
    static final int ROUNDS = 600;
    private static final List<String> ROUND = List.of("APPLIED", "APPLIED", "APPLIED");
    private static final PrimingContext CONTEXT = new PrimingContext(ProjectorWiring.FUNCTION);
    private static final Logger LOG = LoggerFactory.getLogger(ProjectorPriming.class);

    private final ProjectorHandler handler;
    private final int rounds;

    /** @param handler the function's handler over {@link #jobs}, with {@link #noFailureQueue} */
    ProjectorPriming(ProjectorHandler handler, int rounds) {
        this.handler = handler;
        this.rounds = rounds;
    }

    /** The table as priming sees it: read for real, written only with writes that cannot succeed. */
    static JobRepository jobs(JobRepository real) {
        return new PrimingJobs(real);
    }

    /** A failure queue for priming: its events are all valid, so a send is a bug in priming. */
    static FailureQueue noFailureQueue() {
        return (raw, reason, rule, eventId, jobId) -> {
            throw new IllegalStateException("priming's event was refused: " + reason);
        };
    }

    /** @return the outcomes of the last round */
    List<String> run() {
        return PrimingRounds.run(LOG, "events", rounds, this::round, ROUND);
    }

    private List<String> round() {
        Instant now = Instant.now();
        List<String> outcomes = new ArrayList<>(ROUND.size());
        int i = 0;
        for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.PROCESSING, JobStatus.COMPLETED)) {
            String event = EventJson.envelope("priming-" + i, EventContract.DEFAULT_SOURCE, EventContract.DETAIL_TYPE,
                    now, EventJson.detail(JOB, "priming", status, now.plusMillis(i++),
                            status == JobStatus.PROCESSING ? 50 : null,
                            status == JobStatus.COMPLETED ? "https://priming.invalid/video.mp4" : null)).toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        out, CONTEXT);
                outcomes.add(Json.MAPPER.readTree(out.toByteArray()).path("outcome").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outcomes;
    }

    /** Reads the real table; writes with a condition no item meets, and says it wrote. */
    private record PrimingJobs(JobRepository real) implements JobRepository {

        @Override
        public Optional<JobRecord> find(String jobId) {
            return real.find(jobId);
        }

        @Override
        public boolean apply(JobRecord next, Revision expected) {
            real.apply(next, Revision.never());
            return true;
        }

        @Override
        public Advance advance(JobRecord first) {
            real.apply(first, Revision.never());
            // the round's last event as if refused: the merge and the conditional write after it are primed too
            return first.current().status() == JobStatus.COMPLETED ? new Advance.Refused(Optional.empty())
                    : Advance.WRITTEN;
        }

        @Override
        public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
            throw new UnsupportedOperationException("the projector lists nothing");
        }
    }
}
