package com.jobstatus.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor;

class TelemetryTest {

    @Test
    void metricsAreEmittedAsEmfInTheJobStatusNamespaceWithServiceAndStageDimensions() {
        String out = stdout(metrics -> {
            metrics.addMetric("Latency", 12, EmfMetrics.Unit.MILLISECONDS);
            metrics.addMetric("Requests", 1, EmfMetrics.Unit.COUNT);
            metrics.flush();
        });
        JsonNode emf = onlyEmfLine(out);

        assertTrue(emf.path("_aws").path("Timestamp").canConvertToLong(), emf.toString());
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals(Telemetry.NAMESPACE, directive.path("Namespace").asText());
        assertEquals(List.of(List.of(Telemetry.SERVICE_DIMENSION, Telemetry.STAGE_DIMENSION)),
                new ObjectMapper().convertValue(directive.path("Dimensions"), List.class));
        assertEquals("Latency", directive.path("Metrics").get(0).path("Name").asText());
        assertEquals("Milliseconds", directive.path("Metrics").get(0).path("Unit").asText());
        assertEquals("Requests", directive.path("Metrics").get(1).path("Name").asText());
        assertEquals("Count", directive.path("Metrics").get(1).path("Unit").asText());
        assertEquals("job-status-test", emf.path("Service").asText());
        assertEquals("dev", emf.path("Stage").asText());
        assertEquals(12.0, emf.path("Latency").asDouble());
        assertEquals(1.0, emf.path("Requests").asDouble());
    }

    @Test
    void aMetricAddedTwiceInOneInvocationKeepsBothValuesAndAFlushStartsOver() {
        String out = stdout(metrics -> {
            metrics.addMetric("WriteConflicts", 1, EmfMetrics.Unit.COUNT);
            metrics.addMetric("WriteConflicts", 1, EmfMetrics.Unit.COUNT);
            metrics.flush();
            metrics.addMetric("EventsApplied", 1, EmfMetrics.Unit.COUNT);
            metrics.flush();
        });
        List<JsonNode> lines = out.lines().map(TelemetryTest::json).toList();

        assertEquals(2, lines.size(), out);
        assertEquals("[1.0,1.0]", lines.get(0).path("WriteConflicts").toString());
        assertTrue(lines.get(1).path("WriteConflicts").isMissingNode(), lines.get(1).toString());
        assertEquals(1, lines.get(1).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").size());
    }

    @Test
    void nothingAddedNothingWritten() {
        assertEquals("", stdout(EmfMetrics::flush));
    }

    @Test
    void dimensionValuesAreJsonEscaped() {
        EmfMetrics metrics = Telemetry.metrics("a\"b", "c\\d");
        metrics.addMetric("Requests", 1, EmfMetrics.Unit.COUNT);

        JsonNode emf = json(metrics.takeLine());
        assertEquals("a\"b", emf.path("Service").asText());
        assertEquals("c\\d", emf.path("Stage").asText());
    }

    @Test
    void aValueThatIsNotANumberIsRefused() {
        EmfMetrics metrics = Telemetry.metrics("job-status-test", "dev");
        assertThrows(IllegalArgumentException.class,
                () -> metrics.addMetric("Latency", Double.NaN, EmfMetrics.Unit.MILLISECONDS));
    }

    @Test
    void primingWritesNoMetricLine() {
        assertEquals("", stdout(unused -> Telemetry.prime()));
    }

    @Test
    void primingLeavesTheColdStartForTheFirstRequestToLog() {
        boolean coldStart = LambdaHandlerProcessor.isColdStart();
        Telemetry.prime();
        assertEquals(coldStart, LambdaHandlerProcessor.isColdStart());
    }

    /** What the given use of a fresh metrics instance writes to standard output. */
    private static String stdout(Consumer<EmfMetrics> use) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            use.accept(Telemetry.metrics("job-status-test", "dev"));
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode onlyEmfLine(String out) {
        List<String> lines = out.lines().toList();
        assertEquals(1, lines.size(), out);
        return json(lines.getFirst());
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
