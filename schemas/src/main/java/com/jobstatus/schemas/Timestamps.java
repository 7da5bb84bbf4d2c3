package com.jobstatus.schemas;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.OFFSET_SECONDS;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * The service's timestamps. What it writes: UTC with fixed millisecond precision,
 * {@code 2024-06-25T12:00:00.000Z}, so stored values sort as strings (docs/DESIGN.md §4). What it accepts
 * from producers ({@code occurredAt}): an RFC 3339 date-time with offset, in the {@code T} form only, which
 * the event schema's {@code date-time} format checks with {@link #parseWithOffset} itself (see
 * {@link JsonSchemas}) and its {@code pattern} restates for readers of the schema alone:
 * <ul>
 *   <li>{@code yyyy-MM-ddTHH:mm:ss}, a date that exists (February 29 in leap years only), {@code T} or {@code t};</li>
 *   <li>an optional fraction of 1 to 9 digits (nanoseconds are the finest time the service keeps);</li>
 *   <li>{@code Z}, {@code z} or {@code +HH:MM}/{@code -HH:MM} up to 18:00 (all java.time represents;
 *       real offsets run from -12:00 to +14:00).</li>
 * </ul>
 * Refused, each with its own reason: a space instead of {@code T} (RFC 3339 permits it "for readability",
 * but JSON Schema's {@code date-time} and most parsers do not, so the contract keeps one form; Python's
 * {@code str(datetime)} writes it, {@code datetime.isoformat()} does not), no offset (a local time is
 * ambiguous), hour 24, and second 60: leap seconds cannot be represented by java.time, Python or
 * JavaScript, AWS clocks smear them, so a {@code :60} is a producer bug rather than a time.
 */
public final class Timestamps {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** RFC 3339's date-time, the T form: fixed widths, no sign on the year, seconds required. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive() // RFC 3339 allows t and z
            .appendValue(YEAR, 4).appendLiteral('-').appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(DAY_OF_MONTH, 2)
            .appendLiteral('T')
            .appendValue(HOUR_OF_DAY, 2).appendLiteral(':').appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final String OFFSET_RANGE = "has an offset beyond ±18:00";

    /** An example of the accepted form, for reasons. */
    public static final String EXAMPLE = "2024-06-25T12:00:00.000Z";

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
     * The instant an RFC 3339 timestamp with offset names, in the form described above, or empty when
     * {@code text} is not one ({@link #problem} says why).
     */
    public static Optional<Instant> parseWithOffset(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, RFC_3339).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@code text} is not an accepted timestamp, as the end of a sentence that begins with the value's
     * name ("occurredAt has no offset: ..."); empty when it is one.
     */
    public static Optional<String> problem(String text) {
        if (parseWithOffset(text).isPresent()) {
            return Optional.empty();
        }
        if (text == null) {
            return Optional.of("is missing");
        }
        if (text.length() > 10 && text.charAt(10) == ' ') {
            String withT = text.substring(0, 10) + "T" + text.substring(11);
            return Optional.of("has a space between date and time: write 'T'"
                    + (parseWithOffset(withT).isPresent() ? ", as in " + withT : "")
                    + " (Python: datetime.isoformat(), not str(datetime))");
        }
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor fields;
        try {
            fields = RFC_3339.parseUnresolved(text, position);
        } catch (DateTimeException e) {
            return Optional.of(OFFSET_RANGE); // the offset parser range-checks hours itself (+24:00)
        }
        if (fields == null || position.getIndex() != text.length()) {
            return Optional.of(withoutOffset(text)
                    ? "has no offset: a local time is ambiguous; add Z or an offset such as +02:00"
                    : "must be an RFC 3339 date-time with offset, such as " + EXAMPLE);
        }
        if (fields.getLong(SECOND_OF_MINUTE) == 60) {
            return Optional.of("has second 60: leap seconds are refused (java.time, Python and JavaScript cannot"
                    + " represent them); write :59");
        }
        if (fields.getLong(HOUR_OF_DAY) == 24) {
            return Optional.of("has hour 24: write 00:00 of the next day");
        }
        if (Math.abs(fields.getLong(OFFSET_SECONDS)) > ZoneOffset.MAX.getTotalSeconds()) {
            return Optional.of(OFFSET_RANGE);
        }
        if (!dateExists(fields)) {
            return Optional.of("names a day that does not exist");
        }
        return Optional.of("must be an RFC 3339 date-time with offset, such as " + EXAMPLE);
    }

    private static boolean withoutOffset(String text) {
        try {
            // the same form, with the offset replaced: if the rest parses, the offset was all that was missing
            OffsetDateTime.parse(text + "Z", RFC_3339);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean dateExists(TemporalAccessor fields) {
        long month = fields.getLong(MONTH_OF_YEAR);
        if (month < 1 || month > 12) {
            return false;
        }
        long day = fields.getLong(DAY_OF_MONTH);
        return day >= 1 && day <= YearMonth.of((int) fields.getLong(YEAR), (int) month).lengthOfMonth();
    }
}
