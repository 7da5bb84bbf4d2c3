package com.jobstatus.projector;

/**
 * Where events we refuse to apply go, so that ops can see and redrive them (docs/DESIGN.md §5, rule 4).
 * Must not lose the event: an implementation that cannot store it throws, and the invocation fails and is
 * retried by the platform.
 */
interface FailureQueue {

    /**
     * @param rawEvent the event exactly as it arrived
     * @param reason   why it was refused, for people
     * @param rule     a short name of the broken rule (for example {@code jobId.pattern}), for filtering
     */
    void send(String rawEvent, String reason, String rule, String eventId, String jobId);
}
