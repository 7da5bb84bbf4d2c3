package com.jobstatus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventContractTest {

    /** The examples were published around this time. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-25T12:05:00Z"), ZoneOffset.UTC);
    private static final EventContract CONTRACT = new EventContract(Set.copyOf(EventContract.DEFAULT_SOURCES), CLOCK);

    static Stream<Path> validExamples() {
        return ExampleEvents.valid().stream();
    }

    static Stream<Path> invalidExamples() {
        return ExampleEvents.invalid().stream();
    }

    @Test
    void thereAreExamplesOfEveryStatusEveryPlatformEventAndEveryKindOfRule() {
        List<String> statuses = ExampleEvents.valid().stream().map(EventContractTest::read)
                .filter(e -> EventContract.DETAIL_TYPE.equals(e.path("detail-type").asText()))
                .map(e -> e.path("detail").path("status").asText()).distinct().sorted().toList();
        assertEquals(List.of("COMPLETED", "FAILED", "PROCESSING", "QUEUED"), statuses);
        assertEquals(Set.copyOf(EventContract.DETAIL_TYPES), ExampleEvents.valid().stream()
                .map(f -> read(f).path("detail-type").asText()).collect(Collectors.toSet()));
        assertTrue(ExampleEvents.invalid().size() >= 20, "invalid examples: " + ExampleEvents.invalid());
    }

    /** docs/DESIGN.md §3's mapping of the platform's events, one example each. */
    @Test
    void thePlatformsEventsMeanTheirJobStatusChanged() {
        JobEvent rendered = valid(ExampleEvents.valid("video-rendered"));
        assertEquals(PlatformEvents.VIDEO_GENERATION, rendered.source());
        assertEquals(new JobStatusChanged("job-8a41d2", "5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f", JobStatus.COMPLETED,
                Instant.parse("2024-06-25T12:01:30Z"), 1, null, null,
                "https://v3.fal.media/files/penguin/job-8a41d2.mp4"), rendered.detail(), "no timestamp: the envelope's time");

        JobStatusChanged resultUrl = valid(ExampleEvents.valid("video-rendered-result-url-timestamp")).detail();
        assertEquals("https://v3.fal.media/files/koala/job-8a41d3.mp4", resultUrl.outputUrl());
        assertEquals(Instant.parse("2024-06-25T12:01:12.483Z"), resultUrl.occurredAt(), "the detail's timestamp");

        assertEquals(new JobError(PlatformEvents.RENDER_FAILED, "The model could not render this prompt."),
                valid(ExampleEvents.valid("video-failed")).detail().error());
        JobStatusChanged failed = valid(ExampleEvents.valid("video-failed-error-message")).detail();
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("Generation timed out after 300 s.", failed.error().message());

        JobStatusChanged submitted = valid(ExampleEvents.valid("video-job-submitted")).detail();
        assertEquals(List.of(JobStatus.PROCESSING, 1, Instant.parse("2024-06-25T12:00:05.123Z")),
                List.of(submitted.status(), submitted.attempt(), submitted.occurredAt()));
        assertEquals(null, submitted.progress());
    }

    @Test
    void aPlatformEventsOtherSpellingsOfItsFieldsMapToo() {
        ObjectNode rendered = (ObjectNode) read(ExampleEvents.valid("video-rendered"));
        ObjectNode detail = (ObjectNode) rendered.get("detail");
        detail.remove("videoUrl");
        detail.put("outputUrl", "https://cdn.example.com/o.mp4");
        detail.put("timestamp", 1719316870000L);
        JobStatusChanged change = valid(rendered).detail();
        assertEquals("https://cdn.example.com/o.mp4", change.outputUrl());
        assertEquals(Instant.parse("2024-06-25T12:01:10Z"), change.occurredAt(), "epoch milliseconds");
        detail.remove("outputUrl");
        assertEquals(null, valid(rendered).detail().outputUrl(), "a render without a URL is still COMPLETED");

        ObjectNode failed = (ObjectNode) read(ExampleEvents.valid("video-failed"));
        ObjectNode failure = (ObjectNode) failed.get("detail");
        failure.putObject("error").put("message", "x".repeat(5000));
        assertEquals(1024, valid(failed).detail().error().message().length(),
                "cut, not refused: the job must not stay PROCESSING");
        failure.remove("error");
        assertEquals("The video could not be rendered.", valid(failed).detail().error().message());
    }

    @Test
    void aPlatformEventFromTheWrongSourceOrInTheFutureIsRefusedWithItsReason() {
        ObjectNode submitted = (ObjectNode) read(ExampleEvents.valid("video-job-submitted"));
        submitted.put("source", PlatformEvents.VIDEO_GENERATION);
        EventContract.Invalid wrongSource = assertInstanceOf(EventContract.Invalid.class, CONTRACT.check(submitted));
        assertTrue(wrongSource.reason().contains("contentcraft.jobsubmitter"), wrongSource.reason());

        submitted.put("source", PlatformEvents.JOB_SUBMITTER);
        ((ObjectNode) submitted.get("detail")).put("timestamp", "2024-06-25T13:00:00+00:00");
        EventContract.Invalid future = assertInstanceOf(EventContract.Invalid.class, CONTRACT.check(submitted));
        assertEquals("future", future.violations().getFirst().rule());

        EventContract.Invalid notAllowed = assertInstanceOf(EventContract.Invalid.class,
                new EventContract(Set.of(EventContract.DEFAULT_SOURCE), CLOCK).check(read(ExampleEvents.valid("video-rendered"))));
        assertEquals("source", notAllowed.violations().getFirst().field(), "a deployment may leave the platform out");
    }

    @Test
    void theLenientTimestampsOfThePlatformAreReadToTheInstant() {
        assertEquals(Instant.parse("2024-06-25T12:00:00.123456Z"), PlatformTimestamps.parse("2024-06-25T12:00:00.123456+00:00"));
        assertEquals(Instant.parse("2024-06-25T12:00:00.5Z"), PlatformTimestamps.parse("2024-06-25T12:00:00.5"));
        // what the contract refuses (Timestamps), a reader of others' data still takes
        assertEquals(Instant.parse("2024-06-25T12:00:00.123456Z"), PlatformTimestamps.parse("2024-06-25 12:00:00.123456+00:00"));
        assertEquals(Instant.parse("2024-06-25T10:00:00Z"), PlatformTimestamps.parse("2024-06-25T12:00+02:00"));
        assertEquals(Instant.parse("2024-06-25T12:00:00Z"), PlatformTimestamps.parse("1719316800"));
        assertEquals(Instant.parse("2024-06-25T12:00:00.250Z"), PlatformTimestamps.parse("1719316800250"));
        for (String nonsense : new String[] {null, "", " ", "soon", "1.2.3", "9".repeat(40), "2024-13-01T00:00:00"}) {
            assertEquals(null, PlatformTimestamps.parse(nonsense), nonsense);
        }
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
        return valid(read(example));
    }

    private static JobEvent valid(JsonNode event) {
        EventContract.Checked checked = CONTRACT.check(event);
        return assertInstanceOf(EventContract.Valid.class, checked, checked::toString).event();
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(ExampleEvents.read(file));
        } catch (Exception e) {
            throw new AssertionError(file + " is not JSON", e);
        }
    }
}
