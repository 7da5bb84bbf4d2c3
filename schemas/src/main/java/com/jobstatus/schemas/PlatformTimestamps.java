package com.jobstatus.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as the platform's other writers put them in the Jobs table and in their events, read leniently:
 * the service itself writes only {@link Timestamps#format}. What the platform's Python Lambdas write is
 * {@code datetime.now(timezone.utc).isoformat()} ({@code 2024-06-25T12:00:00.123456+00:00}); older code writes
 * {@code utcnow().isoformat()}, which has no offset but is UTC; JavaScript writes epoch milliseconds.
 */
public final class PlatformTimestamps {

    /** Below this an epoch number is seconds (up to the year 5138), above it milliseconds. */
    private static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);

    private PlatformTimestamps() {
    }

    /**
     * What the event contract accepts ({@link Timestamps#parseWithOffset}); besides, leniently, an ISO date-time
     * with a space for {@code T} or without seconds, one without offset taken as UTC, or epoch seconds or
     * milliseconds written as a number. Null for anything else (and for null).
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        Optional<Instant> contract = Timestamps.parseWithOffset(trimmed);
        if (contract.isPresent()) {
            return contract.get();
        }
        if (Character.isDigit(trimmed.charAt(0)) && trimmed.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return epoch(trimmed);
        }
        // what the contract refuses but a reader of others' data takes: Python's str(datetime) (a space for T),
        // minutes without seconds, or no offset at all (utcnow().isoformat(), UTC)
        String withT = trimmed.length() > 10 && trimmed.charAt(10) == ' '
                ? trimmed.substring(0, 10) + 'T' + trimmed.substring(11) : trimmed;
        try {
            return OffsetDateTime.parse(withT).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: below
        }
        try {
            return LocalDateTime.parse(withT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant epoch(String digits) {
        try {
            BigDecimal value = new BigDecimal(digits);
            BigDecimal millis = value.compareTo(MILLIS_FROM) < 0 ? value.movePointRight(3) : value;
            return Instant.ofEpochMilli(millis.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return null;
        }
    }
}
