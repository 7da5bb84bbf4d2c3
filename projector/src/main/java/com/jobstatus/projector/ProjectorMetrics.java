package com.jobstatus.projector;

/** What the projector counts (docs/DESIGN.md §9); {@link PowertoolsProjectorMetrics} emits it as EMF. */
interface ProjectorMetrics {

    String APPLIED = "EventsApplied";
    String STALE = "EventsStale";
    String REJECTED = "EventsRejected";
    String LAG = "ProjectionLag";
    String CONFLICTS = "WriteConflicts";

    /** An event changed the job; {@code lagMillis} is from its {@code occurredAt} to now. */
    void applied(long lagMillis);

    /** A stale event (duplicate, superseded or expired): a success with nothing to write. */
    void stale(Decision.StaleReason reason);

    /** An invalid or contradicting event, sent to the failure queue. */
    void rejected(String rule);

    /** Another writer changed the job between our read and our write; we read and merged again. */
    void conflict();
}
