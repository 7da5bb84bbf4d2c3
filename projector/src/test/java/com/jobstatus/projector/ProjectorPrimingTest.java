package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.localaws.LogCapture;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.Revision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * SnapStart priming runs the handler's event path for hundreds of rounds before the snapshot: it must write nothing,
 * send nothing to the failure queue, leave no event's log line or metric behind, and leave the real handler's first
 * event its cold start.
 */
class ProjectorPrimingTest {

    private final List<Revision> writesExpecting = new ArrayList<>();
    private final InMemoryJobRepository table = new InMemoryJobRepository() {
        @Override
        public boolean apply(JobRecord next, Revision expected) {
            writesExpecting.add(expected);
            return super.apply(next, expected);
        }
    };
    private final Metrics metrics = Telemetry.metrics("job-status-projector", "test");
    private final ProjectorServiceTest.RecordingMetrics counted = new ProjectorServiceTest.RecordingMetrics();

    @Test
    void eachRoundAppliesAJobsThreeEventsThroughTheHandlerAndWritesNothing() {
        assertEquals(List.of("APPLIED", "APPLIED", "APPLIED"), priming(3).run());

        assertTrue(table.all().isEmpty(), "nothing written");
        assertEquals(12, writesExpecting.size(),
                "each event tried its write against the table, the last one twice (refused, merged, written)");
        assertTrue(writesExpecting.stream().allMatch(Revision.never()::equals), "with a condition no item meets");
        assertEquals(9, counted.applied);
    }

    @Test
    void itLeavesNoEventsLineAndNoMetricBehindButSaysWhatItDid() {
        PrintStream original = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try (LogCapture logs = new LogCapture()) {
            priming(5).run();

            List<JsonNode> lines = logs.lines().stream().map(ProjectorPrimingTest::json).toList();
            assertEquals(List.of("primed"), lines.stream().map(l -> l.path("message").asText()).toList());
            assertEquals(15, lines.getFirst().path("events").asInt());
            assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("\"_aws\""), "an EMF line was written");
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void theRealHandlersFirstEventAfterPrimingIsItsColdStart() throws IOException {
        ProjectorHandler real = new ProjectorHandler(service(table, new ProjectorServiceTest.RecordingFailureQueue()),
                metrics, OutcomeLog.FUNCTION);
        priming(3).run();

        try (LogCapture logs = new LogCapture()) {
            String event = ExampleEvents.read(ExampleEvents.valid("queued"));
            invoke(real, event);
            invoke(real, event);

            assertEquals(List.of("true", "false"), logs.lines().stream().map(ProjectorPrimingTest::json)
                    .map(l -> l.path("cold_start").asText()).toList());
        }
    }

    @Test
    void anEventTheContractRefusesEndsPrimingSayingWhy() {
        EventContract videoOnly = new EventContract(Set.of("video.generation"), Clock.systemUTC());
        ProjectorService refusing = new ProjectorService(videoOnly, ProjectorPriming.jobs(table),
                ProjectorPriming.noFailureQueue(), counted, Clock.systemUTC(), Duration.ofDays(30));
        ProjectorPriming priming =
                new ProjectorPriming(new ProjectorHandler(refusing, metrics, OutcomeLog.FUNCTION), 100);

        IllegalStateException e = assertThrows(IllegalStateException.class, priming::run);
        assertTrue(e.getMessage().contains("priming's event was refused"), e.getMessage());
        assertTrue(table.all().isEmpty());
    }

    private ProjectorPriming priming(int rounds) {
        return new ProjectorPriming(new ProjectorHandler(
                service(ProjectorPriming.jobs(table), ProjectorPriming.noFailureQueue()), metrics, OutcomeLog.FUNCTION),
                rounds);
    }

    private ProjectorService service(JobRepository jobs, FailureQueue failures) {
        return new ProjectorService(new EventContract(Set.of(EventContract.DEFAULT_SOURCE), Clock.systemUTC()), jobs,
                failures, counted, Clock.systemUTC(), Duration.ofDays(30));
    }

    private static void invoke(ProjectorHandler handler, String event) throws IOException {
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new LocalLambdaContext("ProjectorFn-test"));
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
