package com.jobstatus.projector;

import com.jobstatus.schemas.JobEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The order of events for one job, as one string that sorts the same way: {@code attempt}, then status
 * rank, then {@code occurredAt} (to the nanosecond), then the EventBridge event id to break exact ties
 * (DESIGN.md section 5). Fixed-width fields make string order equal key order.
 */
final class OrderKey {

    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private OrderKey() {
    }

    static String of(JobEvent event) {
        String attempt = Integer.toString(event.detail().attempt());
        StringBuilder key = new StringBuilder(64 + event.id().length());
        key.append("0".repeat(10 - attempt.length())).append(attempt)
                .append('|').append(event.detail().status().rank())
                .append('|').append(NANOS.format(event.detail().occurredAt()))
                .append('|').append(event.id());
        return key.toString();
    }
}
