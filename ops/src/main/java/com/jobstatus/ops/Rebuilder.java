package com.jobstatus.ops;

import com.jobstatus.projector.DirectProjector;
import com.jobstatus.projector.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a file of events straight to a table through the projector's own code ({@link DirectProjector}).
 * The projection converges on the set of events, so a rebuild in any order gives the table the events
 * gave it in production, and running one twice changes nothing the second time. A store failure is
 * retried with backoff; if it persists the run stops at that line (everything before it is applied, and
 * running the file again is safe).
 */
final class Rebuilder {

    record Rejected(int line, String eventId, String reason) {
    }

    /** The store kept failing at this line; nothing from it on was applied. */
    record Stopped(int line, int attempts, String reason) {
    }

    /** @param stopped null when every line was handled */
    record Report(int lines, int applied, int stale, List<Rejected> rejected, Stopped stopped) {
        boolean complete() {
            return rejected.isEmpty() && stopped == null;
        }
    }

    private final DirectProjector projector;
    private final Backoff backoff;
    private final int maxAttempts;

    Rebuilder(DirectProjector projector, Backoff backoff, int maxAttempts) {
        this.projector = projector;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    Report rebuild(List<EventFile.Line> lines, Progress progress) {
        int applied = 0;
        int stale = 0;
        List<Rejected> rejected = new ArrayList<>();
        for (EventFile.Line line : lines) {
            Outcome outcome;
            try {
                outcome = backoff.retrying(maxAttempts, () -> projector.project(line.text()));
            } catch (Backoff.GaveUp e) {
                return new Report(lines.size(), applied, stale, rejected,
                        new Stopped(line.number(), e.attempts(), e.getMessage()));
            }
            switch (outcome.kind()) {
                case APPLIED -> applied++;
                case STALE -> stale++;
                case REJECTED -> rejected.add(new Rejected(line.number(), outcome.eventId(), outcome.reason()));
            }
            progress.advance();
        }
        return new Report(lines.size(), applied, stale, rejected, null);
    }
}
