package com.jobstatus.projector;

/**
 * What happened to one event: for the function's log line and result, and for the ops tools that apply
 * events through {@link DirectProjector}.
 *
 * @param eventId the EventBridge event id, or null if the event has none (or is not JSON)
 * @param jobId   the job the event names, or null if it names none
 * @param reason  why it is stale ({@code DUPLICATE}, {@code SUPERSEDED}, {@code EXPIRED}) or why it was rejected;
 *                null when applied
 */
public record Outcome(Kind kind, String eventId, String jobId, String reason) {

    public enum Kind {
        /** The event changed the job. */
        APPLIED,
        /** Stale: a duplicate, superseded by a later event, or too old to write. A success with nothing to write. */
        STALE,
        /** Invalid, or contradicts the stored job: must not be applied. */
        REJECTED
    }

    static Outcome applied(String eventId, String jobId) {
        return new Outcome(Kind.APPLIED, eventId, jobId, null);
    }
}
