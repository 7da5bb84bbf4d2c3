package com.jobstatus.projector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.InMemoryJobRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * Fuzz target for ProjectorFn's input: whatever arrives, the real handler either applies it, finds it
 * stale, or rejects it to the failure queue with a reason. It never throws (the store is
 * healthy here, so any exception is a bug that would make Lambda retry a poison event), never loses the
 * raw event, never writes a rejected one. Inputs are either raw text or the example events with fields
 * replaced by fuzzed values of any JSON type, which reaches deep into the contract check.
 *
 * <p>Run briefly by {@code ProjectorFuzzTest}; for long runs see {@code reliability/fuzz}.
 */
public final class ProjectorFuzzTarget {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-25T12:05:00Z"), ZoneOffset.UTC);
    private static final EventContract CONTRACT = new EventContract(Set.of(EventContract.DEFAULT_SOURCE), CLOCK);
    private static final List<JsonNode> EXAMPLES = examples();
    private static final String[] DETAIL_FIELDS = {"jobId", "userId", "status", "occurredAt", "attempt", "progress",
            "error", "outputUrl", "extra"};
    private static final String[] ENVELOPE_FIELDS = {"id", "source", "detail-type", "detail", "time"};
    private static final Metrics METRICS;

    static {
        // EMF lines would drown the fuzzer's own output
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        METRICS = Telemetry.metrics("job-status-projector", "fuzz");
    }

    private ProjectorFuzzTarget() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String raw = data.consumeBoolean() ? data.consumeRemainingAsString() : mutatedExample(data);
        List<String> sent = new ArrayList<>();
        InMemoryJobRepository repository = new InMemoryJobRepository();
        FailureQueue failures = (rawEvent, reason, rule, eventId, jobId) -> {
            if (reason == null || reason.isBlank() || rule == null || rule.isBlank()) {
                throw new AssertionError("a rejection without a reason: " + rawEvent);
            }
            sent.add(rawEvent);
        };
        ProjectorHandler handler = new ProjectorHandler(new ProjectorService(CONTRACT, repository, failures,
                new PowertoolsProjectorMetrics(METRICS), CLOCK, Duration.ofDays(30)), METRICS, OutcomeLog.FUNCTION);

        String outcome = invoke(handler, raw);

        switch (outcome) {
            case "{\"outcome\":\"REJECTED\"}" -> {
                check(sent.equals(List.of(raw)), "a rejected event must reach the failure queue as it came");
                check(repository.all().isEmpty(), "a rejected event must not be written");
            }
            case "{\"outcome\":\"APPLIED\"}" -> {
                check(sent.isEmpty(), "an applied event must not also be rejected");
                check(repository.all().size() == 1, "an applied event writes its job");
            }
            case "{\"outcome\":\"STALE\"}" -> check(sent.isEmpty() && repository.all().isEmpty(),
                    "a first event can only be stale when it is expired, and then nothing is written");
            default -> throw new AssertionError("unexpected result " + outcome + " for " + raw);
        }
    }

    private static String mutatedExample(FuzzedDataProvider data) {
        ObjectNode event = EXAMPLES.get(data.consumeInt(0, EXAMPLES.size() - 1)).deepCopy();
        int mutations = data.consumeInt(1, 4);
        for (int i = 0; i < mutations; i++) {
            boolean inDetail = data.consumeBoolean() && event.get("detail") instanceof ObjectNode;
            ObjectNode target = inDetail ? (ObjectNode) event.get("detail") : event;
            String field = data.pickValue(inDetail ? DETAIL_FIELDS : ENVELOPE_FIELDS);
            switch (data.consumeInt(0, 6)) {
                case 0 -> target.remove(field);
                case 1 -> target.put(field, data.consumeString(300));
                case 2 -> target.put(field, data.consumeLong());
                case 3 -> target.put(field, data.consumeDouble());
                case 4 -> target.putNull(field);
                case 5 -> target.putArray(field).add(data.consumeString(20));
                default -> target.putObject(field).put(data.consumeString(10), data.consumeString(40));
            }
        }
        return event.toString();
    }

    private static String invoke(ProjectorHandler handler, String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), out,
                    new LocalLambdaContext("ProjectorFn-fuzz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static List<JsonNode> examples() {
        List<JsonNode> examples = new ArrayList<>();
        List<Path> files = new ArrayList<>(ExampleEvents.valid());
        files.addAll(ExampleEvents.invalid());
        for (Path file : files) {
            try {
                examples.add(Json.MAPPER.readTree(ExampleEvents.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        examples.add(JsonNodeFactory.instance.objectNode());
        return List.copyOf(examples);
    }
}
