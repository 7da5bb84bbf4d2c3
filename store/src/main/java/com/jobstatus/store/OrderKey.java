package com.jobstatus.store;

import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The order of what is known about one job, as one string that sorts the same way: {@code attempt}, then status
 * rank, then the time (to the nanosecond), then a tie-break (docs/DESIGN.md §5). Fixed-width fields make string
 * order equal key order; the attempt field is as wide as {@link JobStatusChanged#MAX_ATTEMPT}. Events break ties
 * by their EventBridge id; a state another writer put in the table has the empty tie-break, so it sorts just below
 * an event that says the same at the same time (the event's detail is the richer one: an error code, progress).
 * Compare keys with {@link #compare}, which also orders keys stored before attempt was capped.
 */
public final class OrderKey {

    /** Digits of the attempt field. */
    public static final int ATTEMPT_WIDTH = Integer.toString(JobStatusChanged.MAX_ATTEMPT).length();

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
        key.append("0".repeat(ATTEMPT_WIDTH - digits.length())).append(digits)
                .append('|').append(status.rank())
                .append('|').append(NANOS.format(at))
                .append('|').append(tieBreak);
        return key.toString();
    }

    /**
     * Compares two keys as {@link String#compareTo} does for keys of today's widths. Items written before
     * attempt was capped carry a 10-digit attempt field, so when the widths differ the attempts are compared
     * as numbers first. A stored key that is missing (null) comes first: any key outranks it.
     */
    public static int compare(String key, String stored) {
        if (stored == null) {
            return key == null ? 0 : 1;
        }
        if (key == null) {
            return -1;
        }
        int keyBar = key.indexOf('|');
        int storedBar = stored.indexOf('|');
        if (keyBar != storedBar && digits(key, keyBar) && digits(stored, storedBar)) {
            int byAttempt = Long.compare(Long.parseLong(key, 0, keyBar, 10), Long.parseLong(stored, 0, storedBar, 10));
            return byAttempt != 0 ? byAttempt : key.substring(keyBar).compareTo(stored.substring(storedBar));
        }
        return key.compareTo(stored);
    }

    private static boolean digits(String key, int end) {
        if (end < 1 || end > 18) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
