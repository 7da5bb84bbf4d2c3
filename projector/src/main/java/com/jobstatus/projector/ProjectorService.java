package com.jobstatus.projector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.Violation;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.Revision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies one EventBridge event to the Jobs table: check it against the contract, write it in one conditional
 * write where that is exactly the merge (a new job, the next event of a job), else merge it with the stored job,
 * write conditionally, and on a lost race read and merge again. Invalid and contradicting events go to
 * the failure queue with their reason. Store failures are not caught: they fail the invocation so the
 * platform retries it, and after the retries it lands in the failure queue too.
 */
final class ProjectorService {

    /** Beyond this many lost races in one invocation something is wrong; fail and let the platform retry. */
    static final int MAX_WRITE_ATTEMPTS = 10;

    private final EventContract contract;
    private final JobRepository repository;
    private final FailureQueue failures;
    private final ProjectorMetrics metrics;
    private final Clock clock;
    private final Duration ttl;

    ProjectorService(EventContract contract, JobRepository repository, FailureQueue failures,
                     ProjectorMetrics metrics, Clock clock, Duration ttl) {
        this.contract = contract;
        this.repository = repository;
        this.failures = failures;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = ttl;
    }

    Outcome project(String rawEvent) {
        JsonNode envelope;
        try {
            envelope = Json.MAPPER.readTree(rawEvent);
        } catch (JsonProcessingException e) {
            return reject(rawEvent, null, "event.json", "the event is not valid JSON: " + e.getOriginalMessage());
        }
        return switch (contract.check(envelope)) {
            case EventContract.Invalid invalid -> {
                Violation first = invalid.violations().getFirst();
                yield reject(rawEvent, envelope, first.field() + "." + first.rule(), invalid.reason());
            }
            case EventContract.Valid valid -> apply(rawEvent, envelope, valid.event());
        };
    }

    private Outcome apply(String rawEvent, JsonNode envelope, JobEvent event) {
        String jobId = event.detail().jobId();
        Instant now = clock.instant();
        Optional<JobRecord> current;
        // the common events, a new job's and the next one of a job, in one conditional write without a read
        // (JobRepository.advance); otherwise the job as stored comes back, to merge with as below
        switch (Projection.merge(null, event, now, ttl)) {
            case Decision.Write alone -> {
                if (!(repository.advance(alone.next()) instanceof JobRepository.Advance.Refused refused)) {
                    return applied(event, now);
                }
                current = refused.stored();
            }
            case Decision.Stale stale -> {
                return stale(event, stale); // expired, whatever is stored
            }
            case Decision.Reject reject -> {
                return reject(rawEvent, envelope, reject.rule(), reject.reason());
            }
        }
        for (int attempt = 1; ; attempt++) {
            switch (Projection.merge(current.orElse(null), event, now, ttl)) {
                case Decision.Write write -> {
                    if (repository.apply(write.next(), current.map(JobRecord::revision).orElse(null))) {
                        return applied(event, now);
                    }
                    metrics.conflict();
                }
                case Decision.Stale stale -> {
                    return stale(event, stale);
                }
                case Decision.Reject reject -> {
                    return reject(rawEvent, envelope, reject.rule(), reject.reason());
                }
            }
            if (attempt == MAX_WRITE_ATTEMPTS) {
                throw new ConcurrentWriteException("job " + jobId + ": lost " + MAX_WRITE_ATTEMPTS
                        + " write races in a row; failing so the event is retried");
            }
            now = clock.instant();
            current = repository.find(jobId);
        }
    }

    private Outcome applied(JobEvent event, Instant now) {
        metrics.applied(Math.max(0, Duration.between(event.detail().occurredAt(), now).toMillis()));
        return Outcome.applied(event.id(), event.detail().jobId());
    }

    private Outcome stale(JobEvent event, Decision.Stale stale) {
        metrics.stale(stale.reason());
        return new Outcome(Outcome.Kind.STALE, event.id(), event.detail().jobId(), stale.reason().name());
    }

    private Outcome reject(String rawEvent, JsonNode envelope, String rule, String reason) {
        String eventId = envelope == null ? null : text(envelope.get("id"));
        String jobId = envelope == null ? null : text(envelope.path("detail").get("jobId"));
        failures.send(rawEvent, reason, rule, eventId, jobId);
        metrics.rejected(rule);
        return new Outcome(Outcome.Kind.REJECTED, eventId, jobId, reason);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** Transient: the platform's retry will most likely succeed. */
    static final class ConcurrentWriteException extends RuntimeException {
        ConcurrentWriteException(String message) {
            super(message);
        }
    }
}
