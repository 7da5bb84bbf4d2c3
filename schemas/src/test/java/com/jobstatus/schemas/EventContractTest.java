package com.jobstatus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.testing.ExampleEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventContractTest {

    /** The examples were published around this time. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-25T12:05:00Z"), ZoneOffset.UTC);
    private static final EventContract CONTRACT = new EventContract(Set.of(EventContract.DEFAULT_SOURCE), CLOCK);

    static Stream<Path> validExamples() {
        return ExampleEvents.valid().stream();
    }

    static Stream<Path> invalidExamples() {
        return ExampleEvents.invalid().stream();
    }

    @Test
    void thereAreExamplesOfEveryStatusAndOfEveryKindOfRule() {
        List<String> statuses = ExampleEvents.valid().stream()
                .map(f -> read(f).path("detail").path("status").asText()).distinct().sorted().toList();
        assertEquals(List.of("COMPLETED", "FAILED", "PROCESSING", "QUEUED"), statuses);
        assertTrue(ExampleEvents.invalid().size() >= 20, "invalid examples: " + ExampleEvents.invalid());
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void everyValidExampleFollowsTheContract(Path example) {
        EventContract.Checked checked = CONTRACT.check(read(example));
        EventContract.Valid valid = assertInstanceOf(EventContract.Valid.class, checked,
                () -> example.getFileName() + ": " + checked);
        assertEquals(read(example).path("id").asText(), valid.event().id());
        assertEquals(read(example).path("detail").path("jobId").asText(), valid.event().detail().jobId());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void everyInvalidExampleIsRejectedForTheReasonItsNameStates(Path example) {
        String[] name = example.getFileName().toString().replace(".json", "").split("--");
        String field = name[0];
        String rule = name[1];

        EventContract.Checked checked = CONTRACT.check(read(example));

        EventContract.Invalid invalid = assertInstanceOf(EventContract.Invalid.class, checked,
                () -> example.getFileName() + " was accepted");
        assertTrue(invalid.violations().stream().anyMatch(v -> v.field().equals(field) && v.rule().equals(rule)),
                () -> example.getFileName() + " rejected for other reasons: " + invalid.violations());
        assertTrue(invalid.reason().contains(field), invalid::reason);
    }

    @Test
    void anUnknownFieldIsIgnoredAndAttemptDefaultsToOne() {
        JobEvent event = valid(ExampleEvents.valid("queued-unknown-extra-field"));
        assertEquals(1, event.detail().attempt());
        assertEquals(JobStatus.QUEUED, event.detail().status());
    }

    @Test
    void theModelCarriesEveryField() {
        JobStatusChanged completed = valid(ExampleEvents.valid("completed")).detail();
        assertEquals("https://cdn.example.com/videos/job-7f3a9c.mp4", completed.outputUrl());
        assertEquals(Instant.parse("2024-06-25T12:01:30Z"), completed.occurredAt());

        JobStatusChanged failed = valid(ExampleEvents.valid("failed")).detail();
        assertEquals(new JobError("MODEL_TIMEOUT", "The video model did not answer in time. Please try again."),
                failed.error());

        JobStatusChanged processing = valid(ExampleEvents.valid("processing-offset-timestamp")).detail();
        assertEquals(Instant.parse("2024-06-25T12:00:10Z"), processing.occurredAt());
        assertEquals(null, processing.progress());
    }

    @Test
    void occurredAtUpToFifteenMinutesAheadIsClockDriftNotAnError() {
        ObjectNode event = (ObjectNode) read(ExampleEvents.valid("queued"));
        ((ObjectNode) event.get("detail")).put("occurredAt", "2024-06-25T12:20:00Z");
        assertInstanceOf(EventContract.Valid.class, CONTRACT.check(event));
        ((ObjectNode) event.get("detail")).put("occurredAt", "2024-06-25T12:20:00.001Z");
        assertInstanceOf(EventContract.Invalid.class, CONTRACT.check(event));
    }

    @Test
    void theSpaceFormPythonsStrWritesIsRefusedWithAReasonNotAnException() {
        ObjectNode event = (ObjectNode) read(ExampleEvents.valid("queued"));
        ((ObjectNode) event.get("detail")).put("occurredAt", "2024-06-25 12:00:00+00:00");

        EventContract.Invalid invalid = assertInstanceOf(EventContract.Invalid.class, CONTRACT.check(event));

        assertEquals(List.of("occurredAt"), invalid.violations().stream().map(Violation::field).toList());
        assertTrue(invalid.reason().contains("'T'") && invalid.reason().contains("isoformat()"), invalid::reason);
    }

    @Test
    void attemptIsBoundedAtOneThousandInTheSchemaAndTheModel() throws Exception {
        ObjectNode event = (ObjectNode) read(ExampleEvents.valid("queued"));
        ((ObjectNode) event.get("detail")).put("attempt", 1000);
        assertEquals(1000, assertInstanceOf(EventContract.Valid.class, CONTRACT.check(event)).event().detail().attempt());

        EventContract.Invalid invalid = assertInstanceOf(EventContract.Invalid.class,
                CONTRACT.check(read(ExampleEvents.dir().resolve("invalid/attempt--maximum.json"))));
        assertEquals("attempt must be at most 1000 (attempt leads the order of a job's events, so it is bounded)",
                invalid.reason());

        JsonNode schema = Json.MAPPER.readTree(JsonSchemas.class.getResourceAsStream(
                "/schemas/" + JsonSchemas.JOB_STATUS_CHANGED));
        assertEquals(JobStatusChanged.MAX_ATTEMPT, schema.path("properties").path("attempt").path("maximum").asInt());
        assertThrows(IllegalArgumentException.class, () -> new JobStatusChanged("job-1", "user-1", JobStatus.QUEUED,
                Instant.EPOCH, JobStatusChanged.MAX_ATTEMPT + 1, null, null, null));
    }

    @Test
    void aNonObjectEventIsRejectedWithAReason() {
        EventContract.Invalid invalid = assertInstanceOf(EventContract.Invalid.class,
                CONTRACT.check(Json.MAPPER.getNodeFactory().textNode("hello")));
        assertEquals("event", invalid.violations().getFirst().field());
    }

    static Stream<String> jobIds() {
        return Stream.of("a", "job-1", "A.b_c:d-9", "x".repeat(128), "", "x".repeat(129), "a/b", "..", ".", "...", "a b",
                "é", "a\u0000", "%2F", "job\n");
    }

    @ParameterizedTest
    @MethodSource("jobIds")
    void theJavaJobIdRuleAgreesWithTheSchema(String id) {
        ObjectNode event = (ObjectNode) read(ExampleEvents.valid("queued"));
        ((ObjectNode) event.get("detail")).put("jobId", id);
        boolean schemaAccepts = CONTRACT.check(event) instanceof EventContract.Valid;
        assertEquals(schemaAccepts, JobIds.isValid(id), "id '" + id + "'");
    }

    @Test
    void timestampsHaveFixedMillisecondsSoTheySortAsStrings() {
        assertEquals("2024-06-25T12:00:00.000Z", Timestamps.format(Instant.parse("2024-06-25T12:00:00Z")));
        assertEquals("2024-06-25T12:00:00.123Z", Timestamps.format(Instant.parse("2024-06-25T12:00:00.123456Z")));
        assertEquals(Optional.of(Instant.parse("2024-06-25T10:00:00Z")),
                Timestamps.parseWithOffset("2024-06-25T12:00:00+02:00"));
        assertEquals(Optional.empty(), Timestamps.parseWithOffset("2024-06-25T12:00:00"));
        assertFalse(Timestamps.format(Instant.parse("2024-06-25T09:00:00Z"))
                .compareTo(Timestamps.format(Instant.parse("2024-06-25T10:00:00Z"))) > 0);
    }

    private static JobEvent valid(Path example) {
        return assertInstanceOf(EventContract.Valid.class, CONTRACT.check(read(example))).event();
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(ExampleEvents.read(file));
        } catch (Exception e) {
            throw new AssertionError(file + " is not JSON", e);
        }
    }
}
