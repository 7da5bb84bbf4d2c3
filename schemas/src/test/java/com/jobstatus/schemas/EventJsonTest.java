package com.jobstatus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the one event writer writes passes the contract and reads back as the event it was written from. */
class EventJsonTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-25T12:05:00Z"), ZoneOffset.UTC);
    private static final EventContract CONTRACT = new EventContract(Set.copyOf(EventContract.DEFAULT_SOURCES), CLOCK);

    static Stream<Path> jobStatusChangedExamples() {
        return ExampleEvents.valid().stream()
                .filter(file -> json(file).path("detail-type").asText().equals(EventContract.DETAIL_TYPE));
    }

    @ParameterizedTest
    @MethodSource("jobStatusChangedExamples")
    void anExampleWrittenAgainFromItsModelIsTheSameEvent(Path file) {
        JsonNode example = json(file);
        EventContract.Valid read = assertInstanceOf(EventContract.Valid.class, CONTRACT.check(example));

        JsonNode written = EventJson.envelope(read.event(), Instant.parse("2024-06-25T12:02:00Z"));

        EventContract.Valid again = assertInstanceOf(EventContract.Valid.class, CONTRACT.check(written),
                () -> written.toString());
        assertEquals(read.event(), again.event());
    }

    @ParameterizedTest
    @MethodSource("jobStatusChangedExamples")
    void theDetailAloneIsValidAndLeavesTheDefaultAttemptOut(Path file) {
        JobStatusChanged change = EventContract.toModel(json(file).get("detail"));

        JsonNode detail = EventJson.detail(change);

        assertEquals(List.of(), CONTRACT.validateDetail(detail));
        assertEquals(change.attempt() != 1, detail.has("attempt"), detail::toString);
    }

    @Test
    void aFalInvokerDetailIsToTheMillisecondAndVideoRenderedIsAPlatformEvent() {
        JsonNode detail = EventJson.detail("job-1", "user-1", JobStatus.PROCESSING,
                Instant.parse("2024-06-25T12:00:01.123456789Z"), 50, null);
        assertEquals("2024-06-25T12:00:01.123Z", detail.path("occurredAt").asText());
        assertEquals(50, detail.path("progress").asInt());
        assertFalse(detail.has("outputUrl"));

        JsonNode rendered = EventJson.envelope("e-1", PlatformEvents.VIDEO_GENERATION, PlatformEvents.VIDEO_RENDERED,
                Instant.parse("2024-06-25T12:03:00Z"), EventJson.videoRendered("job-1", "user-1", "https://v/1.mp4"));
        EventContract.Valid valid = assertInstanceOf(EventContract.Valid.class, CONTRACT.check(rendered),
                rendered::toString);
        assertEquals(JobStatus.COMPLETED, valid.event().detail().status());
        assertEquals("https://v/1.mp4", valid.event().detail().outputUrl());
    }

    private static JsonNode json(Path file) {
        try {
            return Json.MAPPER.readTree(ExampleEvents.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
