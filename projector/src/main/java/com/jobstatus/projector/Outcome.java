package com.jobstatus.projector;

/**
 * What happened to one event, for the log line and the invocation's result.
 *
 * @param detail the skip reason or the rejection reason; null when applied
 */
record Outcome(Kind kind, String eventId, String jobId, String detail) {

    enum Kind { APPLIED, STALE, REJECTED }

    static Outcome applied(String eventId, String jobId) {
        return new Outcome(Kind.APPLIED, eventId, jobId, null);
    }
}
