package com.jobstatus.store;

import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The order of what is known about one job, as one string that sorts the same way: {@code attempt}, then status
 * rank, then the time (to the nanosecond), then a tie-break (DESIGN.md section 5). Fixed-width fields make string
 * order equal key order. Events break ties by their EventBridge id; a state another writer put in the table has
 * the empty tie-break, so it sorts just below an event that says the same at the same time (the event's detail
 * is the richer one: an error code, progress).
 */
public final class OrderKey {

    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private OrderKey() {
    }

    /** An event's key. */
    public static String of(JobEvent event) {
        return of(event.detail().attempt(), event.detail().status(), event.detail().occurredAt(), event.id());
    }

    /**
     * The key of a state another writer put in the table: attempt 1 (other writers know no attempts; a retry
     * reaches us as events with attempt + 1), its status, its time, below every event.
     */
    static String ofOtherWriter(JobStatus status, Instant at) {
        return of(1, status, at, "");
    }

    private static String of(int attempt, JobStatus status, Instant at, String tieBreak) {
        String digits = Integer.toString(attempt);
        StringBuilder key = new StringBuilder(64 + tieBreak.length());
        key.append("0".repeat(10 - digits.length())).append(digits)
                .append('|').append(status.rank())
                .append('|').append(NANOS.format(at))
                .append('|').append(tieBreak);
        return key.toString();
    }
}
