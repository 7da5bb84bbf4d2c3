package com.jobstatus.projector;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProjectorFn's one log line per event (docs/DESIGN.md §9): the outcome, the event's id, its job and the reason,
 * never the event's content (it holds a user id).
 */
final class OutcomeLog {

    static final OutcomeLog FUNCTION = new OutcomeLog(LoggerFactory.getLogger(ProjectorHandler.class));

    private final Logger log;

    OutcomeLog(Logger log) {
        this.log = log;
    }

    /** The outcome by its name: an enum would go through Powertools' general JSON mapper (~250 classes). */
    void outcome(String message, Outcome outcome) {
        Object[] fields = {entry("outcome", outcome.kind().name()), entry("eventId", outcome.eventId()),
                entry("jobId", outcome.jobId()), entry("reason", outcome.reason())};
        if (outcome.kind() == Outcome.Kind.REJECTED) {
            log.warn(message, fields);
        } else {
            log.info(message, fields);
        }
    }

    void outcome(Outcome outcome) {
        outcome(switch (outcome.kind()) {
            case APPLIED -> "event applied";
            case STALE -> "stale event, nothing to write";
            case REJECTED -> "event rejected and sent to the failure queue";
        }, outcome);
    }

    /** A store or queue failure, or too many lost races: the invocation fails and Lambda retries the event. */
    void retry(RuntimeException e) {
        log.error("event not applied, will be retried", entry("outcome", "RETRY"),
                entry("errorType", e.getClass().getSimpleName()), entry("reason", e.getMessage()));
    }
}
