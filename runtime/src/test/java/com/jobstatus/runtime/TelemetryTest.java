package com.jobstatus.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class TelemetryTest {

    @Test
    void primingLeavesTheColdStartForTheFirstRequestToLog() {
        boolean coldStart = LambdaHandlerProcessor.isColdStart();
        Telemetry.prime();
        assertEquals(coldStart, LambdaHandlerProcessor.isColdStart());
    }

    @Test
    void metricsAreEmittedAsEmfInTheJobStatusNamespaceWithServiceAndStageDimensions() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Metrics metrics = Telemetry.metrics("job-status-test", "dev");
            metrics.addMetric("Latency", 12, MetricUnit.MILLISECONDS);
            metrics.flush();
        } finally {
            System.setOut(original);
        }
        JsonNode emf = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"_aws\"")).map(TelemetryTest::json).findFirst()
                .orElseThrow(() -> new AssertionError("no EMF line in: " + captured));

        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals(Telemetry.NAMESPACE, directive.path("Namespace").asText());
        assertEquals(List.of(Telemetry.SERVICE_DIMENSION, Telemetry.STAGE_DIMENSION),
                new ObjectMapper().convertValue(directive.path("Dimensions").get(0), List.class));
        assertEquals("Latency", directive.path("Metrics").get(0).path("Name").asText());
        assertEquals("job-status-test", emf.path("Service").asText());
        assertEquals("dev", emf.path("Stage").asText());
        assertTrue(emf.path("Latency").asDouble() == 12.0, emf.toString());
    }

    @Test
    void twoFunctionsInOneJvmKeepTheirOwnServiceDimensionAcrossFlushes() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Metrics reader = Telemetry.metrics("job-status-reader", "dev");
            Metrics projector = Telemetry.metrics("job-status-projector", "dev");
            reader.addMetric("Latency", 3, MetricUnit.MILLISECONDS);
            reader.flush();
            projector.addMetric("EventsApplied", 1, MetricUnit.COUNT);
            projector.flush();
            // the next invocation of the same function: its own metrics only, the dimensions still there
            reader.addMetric("Requests", 1, MetricUnit.COUNT);
            reader.flush();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"_aws\"")).map(TelemetryTest::json).toList();
        assertEquals(3, lines.size(), captured::toString);
        assertEquals("job-status-reader", lines.get(0).path("Service").asText());
        assertTrue(lines.get(0).has("Latency"), lines.get(0).toString());
        assertEquals("job-status-projector", lines.get(1).path("Service").asText());
        assertTrue(lines.get(1).has("EventsApplied"), lines.get(1).toString());
        assertEquals("job-status-reader", lines.get(2).path("Service").asText());
        assertEquals("dev", lines.get(2).path("Stage").asText());
        assertTrue(lines.get(2).has("Requests") && !lines.get(2).has("Latency"), lines.get(2).toString());
    }

    @Test
    void primingWritesNoMetricLineAndTheNextFlushStillDoes() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String afterPriming;
        try {
            Telemetry.prime();
            afterPriming = captured.toString(StandardCharsets.UTF_8);
            Metrics metrics = Telemetry.metrics("job-status-test", "dev");
            metrics.addMetric("Requests", 1, MetricUnit.COUNT);
            metrics.flush();
        } finally {
            System.setOut(original);
        }
        assertEquals("", afterPriming, "priming must not emit a metric");
        assertTrue(captured.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.contains("\"Requests\":1.0")),
                captured::toString);
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line.substring(line.indexOf('{')));
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
