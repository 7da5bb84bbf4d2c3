package com.jobstatus.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.localaws.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** The line both functions log per request, in the layout log4j2.xml configures (docs/DESIGN.md §9). */
class LogLayoutTest {

    private static final Logger LOG = LoggerFactory.getLogger("com.jobstatus.runtime.LogLayoutTest");

    @Test
    void aRequestsLineHasTheFieldsOnCallNeedAndNotTheOnesEveryLineOfTheGroupRepeats() throws Exception {
        JsonNode line = new ObjectMapper().readTree(capture(() -> PowertoolsLogging.withLogging(
                new LocalLambdaContext("GetJobFn-test", "req-1"), () -> {
                    LOG.info("request", entry("route", "GET /v1/jobs/{id}"), entry("statusCode", 200),
                            entry("latencyMs", 12.5), entry("jobId", "job-1"), entry("outcome", "OK"));
                    return null;
                })).getFirst());

        assertEquals("request", line.path("message").asText());
        assertEquals("INFO", line.path("level").asText());
        assertTrue(line.path("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"),
                line.toString());
        assertEquals("req-1", line.path("function_request_id").asText());
        assertEquals("GetJobFn-test", line.path("function_name").asText());
        assertEquals("$LATEST", line.path("function_version").asText());
        assertTrue(line.path("cold_start").isBoolean(), line.toString());
        assertEquals("GET /v1/jobs/{id}", line.path("route").asText());
        assertEquals(200, line.path("statusCode").asInt());
        assertEquals(12.5, line.path("latencyMs").asDouble());
        assertEquals("job-1", line.path("jobId").asText());
        assertEquals("OK", line.path("outcome").asText());
        assertFalse(line.has("function_arn"), line.toString());
        assertFalse(line.has("function_memory_size"), line.toString());
    }

    @Test
    void anErrorsLineCarriesItsTypeMessageAndStack() throws Exception {
        JsonNode line = new ObjectMapper().readTree(capture(
                () -> LOG.error("failed", new IllegalStateException("table unavailable"))).getFirst());

        assertEquals("ERROR", line.path("level").asText());
        assertEquals("java.lang.IllegalStateException", line.path("error").path("name").asText());
        assertEquals("table unavailable", line.path("error").path("message").asText());
        assertTrue(line.path("error").path("stack").asText().contains("LogLayoutTest"), line.toString());
    }

    /** The lines {@code action} logs under {@code com.jobstatus}, in the configured layout. */
    private static List<String> capture(Runnable action) {
        try (LogCapture capture = new LogCapture()) {
            action.run();
            return capture.lines();
        }
    }
}
