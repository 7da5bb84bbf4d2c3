package com.jobstatus.projector;

import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatusChanged;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The order of events for one job, as one string that sorts the same way: {@code attempt}, then status
 * rank, then {@code occurredAt} (to the nanosecond), then the EventBridge event id to break exact ties
 * (DESIGN.md section 5). Fixed-width fields make string order equal key order; the attempt field is as wide
 * as {@link JobStatusChanged#MAX_ATTEMPT}.
 */
final class OrderKey {

    static final int ATTEMPT_WIDTH = Integer.toString(JobStatusChanged.MAX_ATTEMPT).length();

    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private OrderKey() {
    }

    static String of(JobEvent event) {
        String attempt = Integer.toString(event.detail().attempt());
        StringBuilder key = new StringBuilder(64 + event.id().length());
        key.append("0".repeat(ATTEMPT_WIDTH - attempt.length())).append(attempt)
                .append('|').append(event.detail().status().rank())
                .append('|').append(NANOS.format(event.detail().occurredAt()))
                .append('|').append(event.id());
        return key.toString();
    }

    /**
     * Compares two keys as {@link String#compareTo} does for keys of today's widths. Items written before
     * attempt was capped carry a 10-digit attempt field, so when the widths differ the attempts are compared
     * as numbers first. A stored key that is missing (null) comes first: any event outranks it.
     */
    static int compare(String key, String stored) {
        if (stored == null) {
            return 1;
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
