package com.jobstatus.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.runtime.PrimingContext;
import com.jobstatus.runtime.PrimingRounds;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.Timestamps;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.Revision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetJobFn's priming for SnapStart (docs/DESIGN.md §10): before the snapshot, runs the handler's own
 * {@code handleRequest} with the request events of {@code reader/events} for enough rounds that C1 has compiled the
 * request path, so the restored function starts with compiled code (BENCHMARKS.md "Reader levers"). Each round reads
 * the real table (GetItem, Query) for a caller and jobs that cannot exist and writes nothing; its log lines and
 * metrics are produced but written nowhere ({@link PrimingRounds}); the real handler's first request is still its cold
 * start. One line says what priming did.
 */
final class GetJobPriming {

    /** Not a Cognito {@code sub}, so nobody's jobs; the jobs are nobody's either. */
    static final String CALLER = "#priming";
    static final String JOB = "priming";
    static final String MISSING = "priming-missing";
    /** A round's answers: the job, the job again with its tag, a missing job, the list, the preflight. */
    static final List<Integer> STATUSES = List.of(200, 304, 404, 200, 200);
    /**
     * Rounds before the snapshot: 100 left the mean of the first 1,000 requests after a restore at 1.6× (GetJobFn)
     * and 2.0× (ProjectorFn) of the peer, 600 at 0.84× and 1.33×, for ~9 s and ~11 s of CPU once per published
     * version (BENCHMARKS.md "What each lever bought").
     */
    static final int ROUNDS = 600;
    private static final PrimingContext CONTEXT = new PrimingContext(GetJobWiring.FUNCTION);
    private static final Logger LOG = LoggerFactory.getLogger(GetJobPriming.class);

    private final GetJobHandler handler;
    private final List<byte[]> events;
    private final int rounds;

    /**
     * @param jobs the real repository: priming's handler reads it, then sees its job as found, the one thing the
     *             table cannot hold for priming without a write
     */
    GetJobPriming(JobRepository jobs, Cors cors, ReaderMetrics metrics, int rounds) {
        this.handler = new GetJobHandler(new JobsApi(new PrimingJobs(jobs), cors, Clock.systemUTC()), metrics);
        this.events = events();
        this.rounds = rounds;
    }

    /** @return a round's statuses, {@link #STATUSES} */
    List<Integer> run() {
        return PrimingRounds.run(LOG, "requests", rounds, this::round, STATUSES);
    }

    private List<Integer> round() {
        List<Integer> statuses = new ArrayList<>(events.size());
        try {
            for (byte[] event : events) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                handler.handleRequest(new ByteArrayInputStream(event), out, CONTEXT);
                statuses.add(Json.MAPPER.readTree(out.toByteArray()).path("statusCode").asInt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statuses;
    }

    private static List<byte[]> events() {
        ObjectNode job = EventFiles.withJob(EventFiles.withCaller(EventFiles.read(EventFiles.GET_JOB), CALLER), JOB);
        ObjectNode again = job.deepCopy();
        String etag = Responses.etag(Responses.job(PrimingJobs.FOUND.toJob()));
        again.withObjectProperty("headers").put("If-None-Match", etag);
        again.withObjectProperty("multiValueHeaders").putArray("If-None-Match").add(etag);
        try {
            return List.of(Json.MAPPER.writeValueAsBytes(job), Json.MAPPER.writeValueAsBytes(again),
                    Json.MAPPER.writeValueAsBytes(EventFiles.withJob(job.deepCopy(), MISSING)),
                    Json.MAPPER.writeValueAsBytes(EventFiles.withCaller(EventFiles.read(EventFiles.LIST_JOBS), CALLER)),
                    Json.MAPPER.writeValueAsBytes(EventFiles.read(EventFiles.PREFLIGHT)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real repository, read as usual, except that the priming job is found and listed; never written. */
    private record PrimingJobs(JobRepository real) implements JobRepository {

        static final JobRecord FOUND = new JobRecord(JOB, CALLER, JobStatus.PROCESSING, 1, "priming",
                Instant.EPOCH, Instant.EPOCH, 50, null, null, JobRecord.NEVER_EXPIRES, 1);

        @Override
        public Optional<JobRecord> find(String jobId) {
            Optional<JobRecord> stored = real.find(jobId);
            return JOB.equals(jobId) ? Optional.of(FOUND) : stored;
        }

        @Override
        public boolean apply(JobRecord next, Revision expected) {
            throw new UnsupportedOperationException("priming writes nothing");
        }

        @Override
        public Advance advance(JobRecord first) {
            throw new UnsupportedOperationException("priming writes nothing");
        }

        @Override
        public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
            Page page = real.listByUser(userId, status, limit, after, now);
            return CALLER.equals(userId) && page.items().isEmpty()
                    ? new Page(List.of(FOUND), new Position(Timestamps.format(FOUND.createdAt()), JOB)) : page;
        }
    }
}
