package com.jobstatus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code occurredAt}'s one rule, held together over many generated strings: the parser
 * ({@link Timestamps#parseWithOffset}), the schema's {@code pattern} (for readers of the schema alone, matched
 * the way JSON Schema validators match: a search, not a whole-string match) and the schema check the
 * projector runs ({@link EventContract}) accept exactly the same strings, and exactly those an independent
 * statement of the rule ({@link Parts#valid}) calls valid, at the instant it computes.
 */
class TimestampsTest {

    private static final EventContract CONTRACT = new EventContract(Set.of(EventContract.DEFAULT_SOURCE),
            Clock.fixed(Instant.parse("2024-06-25T12:05:00Z"), ZoneOffset.UTC));
    private static final Pattern SCHEMA_PATTERN = Pattern.compile(
            schemaNode().path("properties").path("occurredAt").path("pattern").asText());

    /** One timestamp as its parts, each possibly out of range or malformed; renders and judges itself. */
    record Parts(String year, String month, String day, String separator, String hour, String minute, String second,
                 String fraction, String offset) {

        String text() {
            return year + "-" + month + "-" + day + separator + hour + ":" + minute + (second == null ? "" : ":" + second)
                    + fraction + offset;
        }

        /** The rule, stated on its own: RFC 3339's T form with offset, minus leap seconds and hour 24. */
        boolean valid() {
            if (!year.matches("[0-9]{4}") || !month.matches("[0-9]{2}") || !day.matches("[0-9]{2}")
                    || !hour.matches("[0-9]{2}") || !minute.matches("[0-9]{2}")
                    || second == null || !second.matches("[0-9]{2}")) {
                return false;
            }
            int m = Integer.parseInt(month);
            if (m < 1 || m > 12) {
                return false;
            }
            int lastDay = m == 2 ? (Year.isLeap(Integer.parseInt(year)) ? 29 : 28)
                    : List.of(4, 6, 9, 11).contains(m) ? 30 : 31;
            int d = Integer.parseInt(day);
            return d >= 1 && d <= lastDay
                    && (separator.equals("T") || separator.equals("t"))
                    && Integer.parseInt(hour) <= 23 && Integer.parseInt(minute) <= 59 && Integer.parseInt(second) <= 59
                    && fraction.matches("(\\.[0-9]{1,9})?")
                    && offsetSeconds().isPresent();
        }

        Optional<Integer> offsetSeconds() {
            if (offset.equals("Z") || offset.equals("z")) {
                return Optional.of(0);
            }
            if (!offset.matches("[+-][0-9]{2}:[0-9]{2}")) {
                return Optional.empty();
            }
            int hours = Integer.parseInt(offset.substring(1, 3));
            int minutes = Integer.parseInt(offset.substring(4));
            int seconds = hours * 3600 + minutes * 60;
            if (minutes > 59 || seconds > 18 * 3600) {
                return Optional.empty();
            }
            return Optional.of(offset.startsWith("-") ? -seconds : seconds);
        }

        Instant instant() {
            String digits = fraction.isEmpty() ? "" : fraction.substring(1);
            int nanos = digits.isEmpty() ? 0 : Integer.parseInt((digits + "000000000").substring(0, 9));
            return LocalDateTime.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day),
                            Integer.parseInt(hour), Integer.parseInt(minute), Integer.parseInt(second), nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds().orElseThrow()));
        }
    }

    private static final List<String> YEARS = List.of("0000", "0001", "0004", "0100", "0400", "1900", "1970", "1999",
            "2000", "2023", "2024", "2025", "2026", "2100", "2400", "9999", "999", "10000", "+2024", "２０２４", "-001");
    private static final List<String> MONTHS = List.of("01", "02", "03", "04", "06", "09", "11", "12", "00", "13", "1",
            "99");
    private static final List<String> DAYS = List.of("01", "09", "10", "28", "29", "30", "31", "00", "32", "1", "3a");
    private static final List<String> SEPARATORS = List.of("T", "t", " ", "", "_", "TT", "\t", "T ");
    private static final List<String> HOURS = List.of("00", "07", "12", "23", "24", "25", "7", "٠٧");
    private static final List<String> MINUTES = List.of("00", "30", "59", "60", "5");
    private static final List<String> SECONDS = java.util.Arrays.asList("00", "01", "59", "60", "61", "5", null);
    private static final List<String> FRACTIONS = List.of("", ".", ".0", ".1", ".12", ".123", ".1234", ".12345",
            ".123456", ".1234567", ".12345678", ".123456789", ".1234567891", ".123456789123", ",123", ".1a");
    private static final List<String> OFFSETS = List.of("Z", "z", "+00:00", "-00:00", "+02:00", "-05:30", "+05:45",
            "+14:00", "-12:00", "+17:59", "+18:00", "-18:00", "+18:01", "-18:30", "+19:00", "+23:59", "+24:00",
            "+05:60", "+0530", "+05", "05:30", "", "UTC", "+5:30", " Z", "Z ", "Z\n", "\nZ", "Zz", "+02:00Z",
            "+02:00:00", "−05:00");

    @Test
    void parserSchemaPatternAndSchemaCheckAgreeWithTheRuleOnGeneratedStrings() {
        Random random = new Random(20261202);
        Set<Parts> cases = new LinkedHashSet<>();
        // every offset, fraction and separator with edge dates and times ...
        for (String offset : OFFSETS) {
            for (String fraction : FRACTIONS) {
                for (String separator : SEPARATORS) {
                    cases.add(new Parts("2024", "02", "29", separator, "23", "59", "59", fraction, offset));
                }
            }
        }
        // ... every date edge with every time edge ...
        for (String year : YEARS) {
            for (String month : MONTHS) {
                for (String day : DAYS) {
                    for (String hour : HOURS) {
                        cases.add(new Parts(year, month, day, "T", hour, pick(random, MINUTES), pick(random, SECONDS),
                                pick(random, FRACTIONS), pick(random, OFFSETS)));
                    }
                }
            }
        }
        // ... and random timestamps, each part now and then replaced by an edge case
        while (cases.size() < 60_000) {
            cases.add(new Parts(
                    or(random, YEARS, "%04d".formatted(random.nextInt(10_000))),
                    or(random, MONTHS, "%02d".formatted(1 + random.nextInt(12))),
                    or(random, DAYS, "%02d".formatted(1 + random.nextInt(31))),
                    or(random, SEPARATORS, random.nextBoolean() ? "T" : "t"),
                    or(random, HOURS, "%02d".formatted(random.nextInt(24))),
                    or(random, MINUTES, "%02d".formatted(random.nextInt(60))),
                    or(random, SECONDS, "%02d".formatted(random.nextInt(60))),
                    or(random, FRACTIONS, random.nextInt(4) == 0 ? ""
                            : "." + Long.toString(Math.abs(random.nextLong())).substring(0, 1 + random.nextInt(9))),
                    or(random, OFFSETS, switch (random.nextInt(4)) {
                        case 0 -> "Z";
                        case 1 -> "z";
                        default -> "%s%02d:%02d".formatted(random.nextBoolean() ? "+" : "-", random.nextInt(19),
                                random.nextInt(60));
                    })));
        }
        int valid = 0;
        List<String> disagreements = new ArrayList<>();
        for (Parts parts : cases) {
            String text = parts.text();
            boolean expected = parts.valid();
            Optional<Instant> parsed = Timestamps.parseWithOffset(text);
            if (parsed.isPresent() != expected
                    || SCHEMA_PATTERN.matcher(text).find() != expected
                    || Timestamps.problem(text).isPresent() == expected
                    || expected && !parsed.get().equals(parts.instant())) {
                disagreements.add(text + " (rule says " + (expected ? "valid" : "invalid") + ", parser " + parsed
                        + ", pattern " + SCHEMA_PATTERN.matcher(text).find() + ")");
            }
            valid += expected ? 1 : 0;
        }
        assertEquals(List.of(), disagreements.stream().limit(20).toList());
        assertTrue(valid > 5_000 && cases.size() - valid > 5_000, "both sides well covered: " + valid + " valid of "
                + cases.size());

        // the schema check is the slow one: every valid-by-rule case and a sample of the rest, through EventContract
        List<Parts> sample = cases.stream().filter(p -> p.valid() || random.nextInt(8) == 0).limit(15_000).toList();
        for (Parts parts : sample) {
            boolean accepted = schemaAccepts(parts.text());
            if (accepted != parts.valid()) {
                disagreements.add(parts.text() + " (schema check " + accepted + ")");
            }
        }
        assertEquals(List.of(), disagreements.stream().limit(20).toList());
    }

    @Test
    void mutationsOfValidTimestampsAreJudgedAlikeByParserPatternAndSchema() {
        // characters near the accepted ones, and ones that trip regex engines and parsers alike
        char[] alphabet = "0123456789:-+.TtZz \n\r\u2028\u0000x９٣".toCharArray();
        Random random = new Random(7);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            StringBuilder text = new StringBuilder(Timestamps.format(Instant.ofEpochSecond(random.nextLong(253402300799L))));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet[random.nextInt(alphabet.length)]);
                    case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
                    default -> text.setCharAt(Math.min(at, text.length() - 1), alphabet[random.nextInt(alphabet.length)]);
                }
            }
            String candidate = text.toString();
            boolean parsed = Timestamps.parseWithOffset(candidate).isPresent();
            boolean matched = SCHEMA_PATTERN.matcher(candidate).find();
            boolean checked = i % 10 != 0 || schemaAccepts(candidate) == parsed;
            if (parsed != matched || !checked) {
                disagreements.add(candidate.replace("\n", "\\n") + " parser " + parsed + " pattern " + matched);
            }
        }
        assertEquals(List.of(), disagreements.stream().limit(20).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2024-02-29T12:00:00Z|2024-02-29T12:00:00Z",
            "2000-02-29T00:00:00Z|2000-02-29T00:00:00Z",
            "2024-06-25t12:00:00.5z|2024-06-25T12:00:00.500Z",
            "2024-06-25T12:00:00.123456789+14:00|2024-06-24T22:00:00.123456789Z",
            "2024-06-25T12:00:00-12:00|2024-06-26T00:00:00Z",
            "2024-06-25T12:00:00-00:00|2024-06-25T12:00:00Z",
            "2024-12-31T23:59:59.999999999Z|2024-12-31T23:59:59.999999999Z"})
    void acceptedForms(String text, String instant) {
        assertEquals(Optional.of(Instant.parse(instant)), Timestamps.parseWithOffset(text));
        assertEquals(Optional.empty(), Timestamps.problem(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-02 07:00:00+00:00|has a space between date and time: write 'T', as in 2026-12-02T07:00:00+00:00 (Python: datetime.isoformat(), not str(datetime))",
            "2024-06-25T12:00:00|has no offset",
            "2024-06-25T12:00:00.123|has no offset",
            "2016-12-31T23:59:60Z|has second 60: leap seconds are refused",
            "2024-06-25T24:00:00Z|has hour 24",
            "2023-02-29T12:00:00Z|names a day that does not exist",
            "1900-02-29T12:00:00Z|names a day that does not exist",
            "2024-04-31T12:00:00Z|names a day that does not exist",
            "2024-06-25T12:00:00+24:00|has an offset beyond ±18:00",
            "2024-06-25T12:00:00.1234567891Z|must be an RFC 3339 date-time with offset",
            "2024-06-25T12:00Z|must be an RFC 3339 date-time with offset",
            "yesterday at noon|must be an RFC 3339 date-time with offset"})
    void refusedFormsSayWhy(String text, String reason) {
        assertEquals(Optional.empty(), Timestamps.parseWithOffset(text));
        String problem = Timestamps.problem(text).orElseThrow();
        assertTrue(problem.startsWith(reason), problem);
    }

    @Test
    void theSchemasDateTimeFormatIsTheParserNotTheValidatorsOwn() {
        // the pattern alone would refuse these too; the format's own verdict is seen in which rules are broken
        for (String text : List.of("2026-12-02 07:00:00+00:00", "2016-12-31T23:59:60Z", "2024-06-25T24:00:00Z")) {
            List<Violation> violations = CONTRACT.validateDetail(eventAt(text).get("detail"));
            assertEquals(List.of("occurredAt.format"), violations.stream().map(v -> v.field() + "." + v.rule()).toList());
            assertEquals("occurredAt " + Timestamps.problem(text).orElseThrow(), violations.getFirst().message());
        }
        assertFalse(JsonSchemas.DATE_TIME.matches(null, "2026-12-02 07:00:00+00:00"));
        assertTrue(JsonSchemas.DATE_TIME.matches(null, "2026-12-02T07:00:00+00:00"));
    }

    @Test
    void noStringMakesTheContractThrow() {
        for (String text : List.of("", " ", "2024-06-25", "T", "2024-06-25 ", "2024-06-25 T12:00:00Z",
                "9999-12-31T23:59:59-18:00", "0000-01-01T00:00:00+18:00", "\uD800")) {
            EventContract.Checked checked = CONTRACT.check(eventAt(text));
            assertTrue(checked instanceof EventContract.Valid || checked instanceof EventContract.Invalid invalid
                    && invalid.reason().startsWith("occurredAt "), text + ": " + checked);
        }
    }

    /** The schema check alone (not the 15-minute clock rule, which some far-future generated times break). */
    private static boolean schemaAccepts(String occurredAt) {
        return CONTRACT.validateDetail(eventAt(occurredAt).get("detail")).isEmpty();
    }

    private static JsonNode eventAt(String occurredAt) {
        ObjectNode event = (ObjectNode) read(ExampleEvents.read(ExampleEvents.valid("queued")));
        ((ObjectNode) event.get("detail")).put("occurredAt", occurredAt);
        return event;
    }

    /** Mostly {@code usual}, sometimes one of the edge cases. */
    private static String or(Random random, List<String> edges, String usual) {
        return random.nextInt(10) == 0 ? pick(random, edges) : usual;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static JsonNode schemaNode() {
        try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/" + JsonSchemas.JOB_STATUS_CHANGED)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
