package com.jobstatus.reader;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jobstatus.reader.RequestEvent.Answer;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.ErrorCode;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JsonSchemas;
import com.jobstatus.schemas.Timestamps;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.networknt.schema.Schema;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target for GetJobFn's input, the API Gateway proxy event (the files of {@code reader/events}, varied): any
 * method, route, id, headers, query and identity, and fields missing or of another type. Whatever arrives, the
 * handler answers one of the statuses the API documents, with a body that follows its schema, never a 500 (the
 * store is healthy here), never a job to anyone but its owner, and never a CORS grant to an origin that is not
 * configured.
 *
 * <p>Run briefly by {@code ReaderFuzzTest}; for long runs see {@code reliability/fuzz}.
 */
public final class ReaderFuzzTarget {

    private static final String APP = "https://app.example.com";
    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> USERS = List.of("alice", "bob");
    private static final InMemoryJobRepository JOBS = new InMemoryJobRepository();
    private static final Schema JOB = JsonSchemas.load(JsonSchemas.JOB);
    private static final Schema LIST = JsonSchemas.load(JsonSchemas.JOB_LIST);
    private static final Schema ERROR = JsonSchemas.load(JsonSchemas.ERROR);
    private static final Set<Integer> DOCUMENTED = Set.of(200, 304, 400, 401, 404);
    private static final String[] METHODS = {"GET", "OPTIONS", "POST", "HEAD", "get"};
    private static final String[] ROUTES = {JobsApi.JOB_ROUTE, JobsApi.LIST_ROUTE, "/v1/jobs/{id}/logs", "/", ""};
    private static final String[] HEADERS = {"Origin", "origin", "If-None-Match", "Authorization", "Content-Type"};
    private static final String[] PARAMETERS = {"limit", "status", "cursor", "LIMIT"};
    private static final String[] FILES = {EventFiles.GET_JOB, EventFiles.LIST_JOBS, EventFiles.PREFLIGHT};
    private static final String[] FIELDS = {"requestContext", "headers", "multiValueHeaders", "pathParameters",
        "queryStringParameters", "multiValueQueryStringParameters", "httpMethod", "resource"};
    private static final JsonNode[] ODD_VALUES = {NullNode.getInstance(), IntNode.valueOf(1),
        Json.MAPPER.createArrayNode().add("x"), Json.MAPPER.createObjectNode().put("sub", "alice"),
        TextNode.valueOf("x")};
    private static final GetJobHandler HANDLER;
    private static final List<String> CURSORS;

    static {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        for (int i = 0; i < 12; i++) {
            String owner = USERS.get(i % 2);
            JobStatus status = JobStatus.values()[i % 4];
            JOBS.apply(new JobRecord("job-" + i, owner, status, 1, "k" + i, NOW.minusSeconds(100 - i),
                    NOW.minusSeconds(50 - i), status == JobStatus.PROCESSING ? i : null,
                    status == JobStatus.FAILED ? new JobError("E", "failed") : null,
                    status == JobStatus.COMPLETED ? "https://cdn.example.com/" + i + ".mp4" : null,
                    i == 11 ? NOW.getEpochSecond() : NOW.getEpochSecond() + 3600, 1), null);
        }
        CURSORS = USERS.stream().map(u -> Cursor.encode(u, new JobRepository.Position(Timestamps.format(NOW.minusSeconds(95)), "job-5")))
                .toList();
        HANDLER = new GetJobHandler(new JobsApi(JOBS, new Cors(Set.of(APP)), CLOCK),
                new ReaderMetrics(Telemetry.metrics("job-status-reader", "fuzz")));
    }

    private ReaderFuzzTarget() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String method = data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(8);
        String route = data.consumeInt(0, 5) > 0 ? data.pickValue(ROUTES) : data.consumeString(30);
        String id = switch (data.consumeInt(0, 3)) {
            case 0 -> "job-" + data.consumeInt(0, 13);
            case 1 -> null;
            default -> data.consumeString(140);
        };
        String caller = switch (data.consumeInt(0, 3)) {
            case 0, 1 -> data.pickValue(USERS);
            case 2 -> null;
            default -> data.consumeString(20);
        };
        RequestEvent event = RequestEvent.file(data.pickValue(FILES)).method(method).route(route).id(id)
                .caller(caller);
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            String name = data.consumeBoolean() ? data.pickValue(HEADERS) : data.consumeString(12);
            event.header(name, data.consumeBoolean() ? APP : data.consumeString(60));
        }
        Map<String, String> query = new HashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            String name = data.pickValue(PARAMETERS);
            query.put(name, name.equals("cursor") && data.consumeBoolean() ? data.pickValue(CURSORS)
                    : data.consumeString(40));
        }
        event.query(query);
        if (data.consumeInt(0, 9) == 0) {
            // a field API Gateway always sends, missing or of another type
            event.field(data.pickValue(FIELDS), data.pickValue(ODD_VALUES));
        }

        Answer response = event.sendTo(HANDLER);

        int status = response.status();
        check(DOCUMENTED.contains(status), "undocumented status " + status + " for " + event.json());
        check("application/json".equals(response.header("Content-Type")), "no JSON content type");
        String granted = response.header("Access-Control-Allow-Origin");
        check(granted == null || granted.equals(APP), "CORS granted to " + granted);
        if (status >= 400) {
            JsonNode body = valid(ERROR, response.body());
            check(ErrorCode.valueOf(body.path("code").asText()).httpStatus() == status, "code does not match status");
        } else if ("OPTIONS".equals(method)) {
            check(status == 200 && response.body() == null, "a preflight is 200 without body, was " + status);
        } else if (status == 200 && JobsApi.JOB_ROUTE.equals(route)) {
            JsonNode body = valid(JOB, response.body());
            check(JOBS.find(body.path("jobId").asText()).orElseThrow().userId().equals(caller),
                    "a job shown to someone other than its owner");
        } else if (status == 200) {
            JsonNode body = valid(LIST, response.body());
            body.path("jobs").forEach(item -> check(
                    JOBS.find(item.path("jobId").asText()).orElseThrow().userId().equals(caller),
                    "another user's job in a list"));
        } else {
            check(response.body() == null, status + " must have no body");
        }
    }

    private static JsonNode valid(Schema schema, String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            check(schema.validate(json).isEmpty(), "body breaks its schema: " + body);
            return json;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
