package com.jobstatus.projector;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.store.JobRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * ProjectorFn's event path (contract check, merge, conditional write, merge again on a lost race) for
 * tools that apply events straight to a table: ops {@code rebuild} and {@code redrive}. Every decision is
 * the function's, made by the same {@link ProjectorService}; two things differ, and both belong to a tool:
 * <ul>
 *   <li>a rejected event comes back as a {@link Outcome.Kind#REJECTED} outcome with its reason instead of
 *       going to the failure queue: the tool reports it, or leaves the message where it already is, and a
 *       dry run must not send anything anywhere;</li>
 *   <li>nothing is counted in CloudWatch: the tool's counts are its report, and EMF lines would end up in
 *       its standard output.</li>
 * </ul>
 * Store failures propagate as from the function (a {@code StoreException}, or a runtime exception after
 * too many lost write races): the caller decides whether to retry.
 */
public final class DirectProjector {

    private static final FailureQueue RETURN_TO_CALLER = (rawEvent, reason, rule, eventId, jobId) -> {
        // the outcome carries the reason; the caller reports the event or leaves it where it is
    };

    private static final ProjectorMetrics NOT_COUNTED = new ProjectorMetrics() {
        @Override
        public void applied(long lagMillis) {
        }

        @Override
        public void stale(Decision.StaleReason reason) {
        }

        @Override
        public void rejected(String rule) {
        }

        @Override
        public void conflict() {
        }
    };

    private final ProjectorService service;

    /**
     * @param eventSources the allow-list of EventBridge sources, as the deployed function has it
     * @param jobTtl       how long a job lives after its last update, as the deployed function has it
     */
    public DirectProjector(JobRepository repository, Set<String> eventSources, Duration jobTtl, Clock clock) {
        this.service = new ProjectorService(new EventContract(eventSources, clock), repository, RETURN_TO_CALLER,
                NOT_COUNTED, clock, jobTtl);
    }

    /** Applies one event, given exactly as EventBridge delivers it (one JSON object). */
    public Outcome project(String rawEvent) {
        return service.project(rawEvent);
    }
}
