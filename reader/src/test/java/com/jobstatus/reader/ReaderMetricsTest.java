package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.InMemoryJobRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the handler counts per request, as the EMF lines Lambda forwards to CloudWatch: the error-rate alarm
 * divides {@code ServerErrors} by {@code Requests}, so a preflight (which reads nothing and cannot fail) must not
 * be in {@code Requests}, or the browsers' preflights would dilute the rate.
 */
class ReaderMetricsTest {

    private static final String APP = "https://app.example.com";

    @Test
    void aPreflightIsCountedApartFromTheRequestsTheErrorRateDivides() {
        GetJobHandler handler = new GetJobHandler(
                new JobsApi(new InMemoryJobRepository(), new Cors(Set.of(APP)), Clock.systemUTC()),
                new ReaderMetrics(Telemetry.metrics("job-status-reader", "test")));

        List<JsonNode> lines = emfLinesOf(() -> {
            RequestEvent.preflight().sendTo(handler);
            // no caller: the function's own 401, a request that counts
            RequestEvent.getJob("job-1").caller(null).sendTo(handler);
        });

        assertEquals(2, lines.size(), lines.toString());
        JsonNode preflight = lines.get(0);
        assertEquals(1.0, preflight.path(ReaderMetrics.PREFLIGHTS).asDouble(), preflight.toString());
        assertFalse(preflight.has(ReaderMetrics.REQUESTS), preflight.toString());
        assertFalse(preflight.has(ReaderMetrics.SERVER_ERRORS), preflight.toString());
        assertTrue(preflight.has(ReaderMetrics.LATENCY), "a browser waits for its preflight too");
        assertEquals(List.of(ReaderMetrics.LATENCY, ReaderMetrics.PREFLIGHTS), metricNames(preflight));

        JsonNode get = lines.get(1);
        assertEquals(1.0, get.path(ReaderMetrics.REQUESTS).asDouble(), get.toString());
        assertEquals(0.0, get.path(ReaderMetrics.SERVER_ERRORS).asDouble(), get.toString());
        assertEquals(1.0, get.path(ReaderMetrics.CLIENT_ERRORS).asDouble(), get.toString());
        assertFalse(get.has(ReaderMetrics.PREFLIGHTS), get.toString());
        assertEquals("job-status-reader", get.path(Telemetry.SERVICE_DIMENSION).asText());
        assertTrue(ReaderMetrics.NAMES.containsAll(metricNames(preflight)) && ReaderMetrics.NAMES.containsAll(
                metricNames(get)), "NAMES lists what the template's alarms may watch");
    }

    private static List<String> metricNames(JsonNode emf) {
        List<String> names = new ArrayList<>();
        emf.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")
                .forEach(metric -> names.add(metric.path("Name").asText()));
        return names.stream().sorted().toList();
    }

    private static List<JsonNode> emfLinesOf(Runnable calls) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            calls.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("\"_aws\""))
                .map(ReaderMetricsTest::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
