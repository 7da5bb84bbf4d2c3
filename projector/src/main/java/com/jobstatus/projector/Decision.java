package com.jobstatus.projector;

import com.jobstatus.store.JobRecord;

/** What one event does to one job: write the next item, nothing because it is stale, or nothing because it is refused. */
sealed interface Decision {

    /** Write {@code next}; its version is one more than the item it was merged with. */
    record Write(JobRecord next) implements Decision {
    }

    /**
     * The event is stale: it brings nothing the job does not already have, or it is too old to write. Nothing to
     * write, and nothing wrong: a success.
     */
    record Stale(StaleReason reason) implements Decision {
    }

    /** The event contradicts what is stored and must not be applied; it goes where ops can see it. */
    record Reject(String rule, String reason) implements Decision {
    }

    /** Why an event is stale; logged as the {@code reason} of a {@code STALE} outcome. */
    enum StaleReason {
        /** This very event was applied before (EventBridge delivers at least once; replays resend). */
        DUPLICATE,
        /** A later event already won, and this one does not make the job older either. */
        SUPERSEDED,
        /** Older than the TTL window: writing it would resurrect a job DynamoDB has expired. */
        EXPIRED
    }
}
