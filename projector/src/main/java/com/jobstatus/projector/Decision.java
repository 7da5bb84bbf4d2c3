package com.jobstatus.projector;

import com.jobstatus.store.JobRecord;

/** What one event does to one job: write the next item, nothing, or nothing because it is refused. */
sealed interface Decision {

    /** Write {@code next}; its version is one more than the item it was merged with. */
    record Write(JobRecord next) implements Decision {
    }

    /** Nothing to write, and nothing wrong: the event is already reflected, superseded, or too old. */
    record Skip(SkipReason reason) implements Decision {
    }

    /** The event contradicts what is stored and must not be applied; it goes where ops can see it. */
    record Reject(String rule, String reason) implements Decision {
    }

    enum SkipReason {
        /** This very event was applied before (EventBridge delivers at least once; replays resend). */
        DUPLICATE,
        /** A later event already won, and this one does not make the job older either. */
        SUPERSEDED,
        /** Older than the TTL window: writing it would resurrect a job DynamoDB has expired. */
        EXPIRED
    }
}
