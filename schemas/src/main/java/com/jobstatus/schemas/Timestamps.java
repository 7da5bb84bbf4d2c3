package com.jobstatus.schemas;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The service's one timestamp format: UTC with fixed millisecond precision,
 * {@code 2024-06-25T12:00:00.000Z}, so stored values sort as strings (DESIGN.md section 4).
 */
public final class Timestamps {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return UTC_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses what {@link #format} writes. */
    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    /**
     * Parses an RFC 3339 timestamp that names its offset ({@code Z} or {@code +02:00}), or returns null.
     * A local time without offset is ambiguous and so refused.
     */
    public static Instant parseWithOffset(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.replace('t', 'T').replace('z', 'Z')).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
