package com.jobstatus.projector;

/**
 * What happened to one event: for the function's log line and result, and for the ops tools that apply
 * events through {@link DirectProjector}.
 *
 * @param eventId the EventBridge event id, or null if the event has none (or is not JSON)
 * @param jobId   the job the event names, or null if it names none
 * @param detail  the skip reason ({@code DUPLICATE}, {@code SUPERSEDED}, {@code EXPIRED}) or the rejection
 *                reason; null when applied
 */
public record Outcome(Kind kind, String eventId, String jobId, String detail) {

    public enum Kind {
        /** The event changed the job. */
        APPLIED,
        /** Already reflected, superseded or too old: a success with nothing to write. */
        STALE,
        /** Invalid, or contradicts the stored job: must not be applied. */
        REJECTED
    }

    static Outcome applied(String eventId, String jobId) {
        return new Outcome(Kind.APPLIED, eventId, jobId, null);
    }
}
