package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LogCapture;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming runs the handler's request path for hundreds of rounds before the snapshot: it must write
 * nothing, leave no request's log line or metric behind, and leave the real handler's first request its cold start.
 */
class GetJobPrimingTest {

    private static final String APP = "https://video.deepfoundai.com";

    private final InMemoryJobRepository jobs = new InMemoryJobRepository();
    private final Cors cors = new Cors(Set.of(APP));
    private final ReaderMetrics metrics = new ReaderMetrics(Telemetry.metrics("job-status-reader", "test"));

    @Test
    void priming200And304And404TheListAndThePreflightAndWritesNothing() {
        JobRecord someonesJob = new JobRecord(GetJobPriming.JOB, "someone", JobStatus.QUEUED, 1, "k", Instant.EPOCH,
                Instant.EPOCH, null, null, null, JobRecord.NEVER_EXPIRES, 1);
        jobs.apply(someonesJob, null);

        assertEquals(GetJobPriming.STATUSES, new GetJobPriming(jobs, cors, metrics, 3).run());

        assertEquals(List.of(GetJobPriming.JOB), List.copyOf(jobs.all().keySet()), "nothing written");
        assertEquals("someone", jobs.find(GetJobPriming.JOB).orElseThrow().userId());
    }

    @Test
    void itLeavesNoRequestLineAndNoMetricBehindButSaysWhatItDid() {
        PrintStream original = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try (LogCapture logs = new LogCapture()) {
            new GetJobPriming(jobs, cors, metrics, 5).run();

            List<JsonNode> lines = logs.lines().stream().map(GetJobPrimingTest::json).toList();
            assertEquals(List.of("primed"), lines.stream().map(l -> l.path("message").asText()).toList());
            assertEquals(5, lines.getFirst().path("rounds").asInt());
            assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("\"_aws\""), "an EMF line was written");
        } finally {
            System.setOut(original);
        }
        assertEquals(original, System.out);
    }

    @Test
    void theRealHandlersFirstRequestAfterPrimingIsItsColdStart() {
        GetJobHandler handler = new GetJobHandler(new JobsApi(jobs, cors, Clock.systemUTC()), metrics);
        new GetJobPriming(jobs, cors, metrics, 3).run();

        try (LogCapture logs = new LogCapture()) {
            RequestEvent.preflight().sendTo(handler);
            RequestEvent.preflight().sendTo(handler);

            List<String> coldStarts = logs.lines().stream().map(GetJobPrimingTest::json)
                    .filter(l -> "request".equals(l.path("message").asText()))
                    .map(l -> l.path("cold_start").asText()).toList();
            assertEquals(List.of("true", "false"), coldStarts);
        }
    }

    @Test
    void aTableThatFailsEndsPrimingAfterOneRoundSayingHow() {
        InMemoryJobRepository failing = new InMemoryJobRepository() {
            @Override
            public java.util.Optional<JobRecord> find(String jobId) {
                throw new StoreException("GetItem failed: ResourceNotFoundException", false, null);
            }
        };

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GetJobPriming(failing, cors, metrics, 1000).run());
        assertTrue(e.getMessage().contains("[500, 500, 500, 200, 200]"), e.getMessage());
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
