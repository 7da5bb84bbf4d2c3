package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.localaws.LogCapture;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JsonSchemas;
import com.jobstatus.store.DynamoFaults;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobsTable;
import com.networknt.schema.Schema;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The real GetJobFn handler, as API Gateway invokes it, against a real DynamoDB-compatible server (moto). */
@ExtendWith(MotoExtension.class)
class GetJobHandlerIT {

    private static final String REGION = "us-east-1";
    private static final String APP = "https://app.example.com";
    private static final String ALICE = "a1b2c3d4-0000-4000-8000-00000000a11c";
    private static final String BOB = "b0b0b0b0-0000-4000-8000-000000000b0b";
    private static final Schema JOB_SCHEMA = JsonSchemas.load(JsonSchemas.JOB);
    private static final Schema LIST_SCHEMA = JsonSchemas.load(JsonSchemas.JOB_LIST);
    private static final Schema ERROR_SCHEMA = JsonSchemas.load(JsonSchemas.ERROR);

    private final MotoServer moto;
    private final String tableName = "Jobs-it-" + UUID.randomUUID();
    private final DynamoDbClient dynamo;
    private final DynamoJobRepository table;
    private final GetJobHandler handler;
    private final LogCapture logs = new LogCapture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    GetJobHandlerIT(MotoServer moto) {
        this.moto = moto;
        dynamo = AwsClients.dynamo(AwsSettings.local(moto.endpoint(), REGION));
        JobsTable.create(dynamo, tableName);
        table = new DynamoJobRepository(dynamo, tableName);
        handler = handler(Map.of());
        put(job("job-alice-1", ALICE, JobStatus.PROCESSING, now.minusSeconds(60), 3600));
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void theOwnerGetsTheJobWithAnETagNoCacheAndCors() {
        APIGatewayProxyResponseEvent response = get("job-alice-1", ALICE, Map.of("Origin", APP));

        assertEquals(200, response.getStatusCode());
        JsonNode body = valid(JOB_SCHEMA, response);
        assertEquals("job-alice-1", body.path("jobId").asText());
        assertEquals("PROCESSING", body.path("status").asText());
        assertEquals(42, body.path("progress").asInt());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("private, no-cache", response.getHeaders().get("Cache-Control"));
        assertTrue(response.getHeaders().get("ETag").startsWith("\""));
        assertEquals(APP, response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", response.getHeaders().get("Vary"));
        assertEquals(Cors.EXPOSE_HEADERS, response.getHeaders().get("Access-Control-Expose-Headers"));
    }

    /** FalInvoker's J-02 seed and the job submitter's spellings: every one a job, never a 500. */
    @Test
    void itemsAnotherWriterPutInTheTableReadAsJobsInTheirListToo() {
        List<Map<String, AttributeValue>> seeds = List.of(
                seed("seed-queued", "queued", Map.of()),
                seed("seed-routed", "ROUTED", Map.of("updatedAt", s(now.minusSeconds(5).atOffset(ZoneOffset.UTC).toString()))),
                seed("seed-rejected", "REJECTED", Map.of("error_message", s("Out of credits"))),
                seed("seed-done", "completed", Map.of("outputUrl", s("https://cdn.example.com/seed-done.mp4"),
                        "ttl", AttributeValue.fromN(Long.toString(now.getEpochSecond() + 60)))),
                seed("seed-odd", "SOMETHING_NEW", Map.of("updatedAt", s("2024-06-25T12:00:00"))));
        seeds.forEach(item -> dynamo.putItem(b -> b.tableName(tableName).item(item)));

        Map<String, String> statuses = new HashMap<>();
        for (Map<String, AttributeValue> item : seeds) {
            String id = item.get("jobId").s();
            APIGatewayProxyResponseEvent response = get(id, ALICE, Map.of("Origin", APP));
            assertEquals(200, response.getStatusCode(), id + ": " + response.getBody());
            statuses.put(id, valid(JOB_SCHEMA, response).path("status").asText());
        }
        assertEquals(Map.of("seed-queued", "QUEUED", "seed-routed", "PROCESSING", "seed-rejected", "FAILED",
                "seed-done", "COMPLETED", "seed-odd", "QUEUED"), statuses);
        JsonNode rejected = valid(JOB_SCHEMA, get("seed-rejected", ALICE, Map.of()));
        assertEquals("REJECTED", rejected.path("error").path("code").asText());
        assertEquals("Out of credits", rejected.path("error").path("message").asText());

        JsonNode list = valid(LIST_SCHEMA, invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, ALICE, Map.of(),
                Map.of("limit", "100"))));
        Set<String> listed = new HashSet<>();
        list.path("jobs").forEach(job -> listed.add(job.path("jobId").asText()));
        assertTrue(listed.containsAll(statuses.keySet()), "an item without ttl is listed: " + listed);
        JsonNode processing = valid(LIST_SCHEMA, invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, ALICE,
                Map.of(), Map.of("status", "PROCESSING"))));
        Set<String> inProgress = new HashSet<>();
        processing.path("jobs").forEach(job -> inProgress.add(job.path("jobId").asText()));
        assertEquals(Set.of("job-alice-1", "seed-routed"), inProgress, "filtered by the status readers see");
        assertEquals(404, get("seed-queued", BOB, Map.of()).getStatusCode(), "still only the owner's");
    }

    private Map<String, AttributeValue> seed(String id, String status, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("jobId", s(id), "status", s(status),
                "createdAt", s(now.minusSeconds(30).toString()), "userId", s(ALICE)));
        item.putAll(more);
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Test
    void aCompletedJobCarriesItsOutputUrlAndAFailedOneItsError() {
        put(job("job-done", ALICE, JobStatus.COMPLETED, now.minusSeconds(5), 3600));
        put(job("job-failed", ALICE, JobStatus.FAILED, now.minusSeconds(5), 3600));

        assertEquals("https://cdn.example.com/job-done.mp4",
                valid(JOB_SCHEMA, get("job-done", ALICE, Map.of())).path("outputUrl").asText());
        assertEquals("MODEL_TIMEOUT",
                valid(JOB_SCHEMA, get("job-failed", ALICE, Map.of())).path("error").path("code").asText());
    }

    @Test
    void anotherUsersJobAnUnknownIdAndAnExpiredJobAllLookExactlyAlike() {
        put(job("job-expired", ALICE, JobStatus.COMPLETED, now.minusSeconds(60), -1));

        List<APIGatewayProxyResponseEvent> responses = List.of(
                get("job-alice-1", BOB, Map.of("Origin", APP)),
                get("job-nobody-has", BOB, Map.of("Origin", APP)),
                get("job-expired", ALICE, Map.of("Origin", APP)));

        for (APIGatewayProxyResponseEvent response : responses) {
            assertEquals(404, response.getStatusCode());
            JsonNode body = valid(ERROR_SCHEMA, response);
            assertEquals("NOT_FOUND", body.path("code").asText());
            assertEquals("Job not found", body.path("message").asText());
            assertEquals("Job not found", body.path("error").asText(), "as the platform's other Lambdas answer");
            assertEquals(responses.getFirst().getHeaders(), response.getHeaders(), "no probing by headers");
        }
    }

    static Stream<String> malformedIds() {
        return Stream.of("", "x".repeat(129), "é".repeat(65), "job-é", "%2F", "a%2Fb", "..", "a/b", "job\u0000",
                "job 1", "job-1;drop");
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void aMalformedIdIs400BeforeAnyDynamoDbCall(String id) {
        DynamoFaults everyCallFails = new DynamoFaults(Set.of("GetItem", "Query"), 1.0, 1);
        GetJobHandler guarded = handler(Map.of(), everyCallFails);

        APIGatewayProxyResponseEvent response = invoke(guarded, request("GET", JobsApi.JOB_ROUTE, id, ALICE,
                Map.of("Origin", APP), Map.of()));

        assertEquals(400, response.getStatusCode());
        assertEquals("BAD_REQUEST", valid(ERROR_SCHEMA, response).path("code").asText());
        assertEquals(APP, response.getHeaders().get("Access-Control-Allow-Origin"), "errors carry CORS too");
        assertEquals(0, everyCallFails.injected(), "DynamoDB was called");
    }

    @Test
    void noVerifiedIdentityIs401() {
        APIGatewayProxyResponseEvent response = invoke(handler, request("GET", JobsApi.JOB_ROUTE, "job-alice-1",
                null, Map.of("Origin", APP), Map.of()));

        assertEquals(401, response.getStatusCode());
        assertEquals("UNAUTHORIZED", valid(ERROR_SCHEMA, response).path("code").asText());
        assertEquals(APP, response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void onlyAnExactlyAllowedOriginIsEchoedNeverStarOrNull() {
        Map<String, String> cases = new HashMap<>();
        cases.put(APP, APP);
        cases.put("https://evil.example.com", null);
        cases.put("null", null);
        cases.put("https://App.Example.com", null);
        cases.put("https://app.example.com.evil.com", null);
        cases.forEach((origin, expected) -> {
            APIGatewayProxyResponseEvent response = get("job-alice-1", ALICE, Map.of("Origin", origin));
            assertEquals(200, response.getStatusCode());
            assertEquals(expected, response.getHeaders().get("Access-Control-Allow-Origin"), origin);
        });
        assertNull(get("job-alice-1", ALICE, Map.of()).getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void thePreflightNeedsNoIdentityAndAnswersOnlyAllowedOrigins() {
        for (String route : List.of(JobsApi.JOB_ROUTE, JobsApi.LIST_ROUTE)) {
            APIGatewayProxyResponseEvent allowed = invoke(handler, request("OPTIONS", route, "job-alice-1", null,
                    Map.of("Origin", APP, "Access-Control-Request-Method", "GET",
                            "Access-Control-Request-Headers", "authorization,if-none-match"), Map.of()));
            assertEquals(200, allowed.getStatusCode());
            assertEquals(APP, allowed.getHeaders().get("Access-Control-Allow-Origin"));
            assertEquals("GET, OPTIONS", allowed.getHeaders().get("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, If-None-Match",
                    allowed.getHeaders().get("Access-Control-Allow-Headers"));
            assertEquals("600", allowed.getHeaders().get("Access-Control-Max-Age"));
            assertEquals("Origin", allowed.getHeaders().get("Vary"));
            assertNull(allowed.getBody());

            APIGatewayProxyResponseEvent other = invoke(handler, request("OPTIONS", route, "job-alice-1", null,
                    Map.of("Origin", "https://evil.example.com"), Map.of()));
            assertEquals(200, other.getStatusCode(), "any other status fails the platform's CORS runbook");
            assertTrue(other.getHeaders().keySet().stream().noneMatch(h -> h.startsWith("Access-Control-")),
                    other.getHeaders().toString());
        }
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutBodyButWithTagAndCors() {
        String etag = get("job-alice-1", ALICE, Map.of()).getHeaders().get("ETag");

        APIGatewayProxyResponseEvent unchanged = get("job-alice-1", ALICE, Map.of("Origin", APP, "If-None-Match", etag));
        assertEquals(304, unchanged.getStatusCode());
        assertNull(unchanged.getBody());
        assertEquals(etag, unchanged.getHeaders().get("ETag"));
        assertEquals(APP, unchanged.getHeaders().get("Access-Control-Allow-Origin"));

        put(job("job-alice-1", ALICE, JobStatus.COMPLETED, now, 3600).withVersion(2));
        APIGatewayProxyResponseEvent changed = get("job-alice-1", ALICE, Map.of("If-None-Match", etag));
        assertEquals(200, changed.getStatusCode());
        assertFalse(etag.equals(changed.getHeaders().get("ETag")));
    }

    @Test
    void aUsersListIsPagedNewestFirstWithoutDuplicatesGapsOrOtherUsersJobs() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String id = "list-" + i;
            put(job(id, "carol", i % 3 == 0 ? JobStatus.FAILED : JobStatus.QUEUED, now.minusSeconds(1000 - i), 3600));
            expected.addFirst(id);
        }
        put(job("list-bob", BOB, JobStatus.QUEUED, now.minusSeconds(500), 3600));
        put(job("list-old", "carol", JobStatus.QUEUED, now.minusSeconds(2000), -1));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "5"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            APIGatewayProxyResponseEvent response = invoke(handler,
                    request("GET", JobsApi.LIST_ROUTE, null, "carol", Map.of("Origin", APP), query));
            assertEquals(200, response.getStatusCode());
            JsonNode body = valid(LIST_SCHEMA, response);
            body.path("jobs").forEach(item -> seen.add(item.path("jobId").asText()));
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertEquals(expected, seen);
        assertEquals(new HashSet<>(seen).size(), seen.size(), "no duplicates");
        assertTrue(pages >= 5, "paged: " + pages);

        JsonNode failedOnly = valid(LIST_SCHEMA, invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, "carol",
                Map.of(), Map.of("status", "FAILED", "limit", "100"))));
        assertEquals(8, failedOnly.path("jobs").size());
    }

    /** The platform's user app: {@code const jobs = data.jobs || data || []; jobs.find(j => j.jobId === jobId)}. */
    @Test
    void theListIsAnObjectWhoseJobsArrayHoldsTheJobByItsIdAsTheUserAppReadsIt() {
        JsonNode data = valid(LIST_SCHEMA, invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, ALICE,
                Map.of("Origin", APP, "Content-Type", "application/json"), Map.of())));

        JsonNode jobs = data.get("jobs");
        assertTrue(jobs != null && jobs.isArray(), data.toString());
        JsonNode found = null;
        for (JsonNode job : jobs) {
            if ("job-alice-1".equals(job.path("jobId").asText())) {
                found = job;
            }
        }
        assertTrue(found != null, data.toString());
        assertEquals("PROCESSING", found.path("status").asText());
        assertFalse(data.has("items"), "no second spelling of the list");
    }

    @Test
    void aCursorFromAnotherUserOrAForgedOneIs400() {
        for (int i = 0; i < 3; i++) {
            put(job("dave-" + i, "dave", JobStatus.QUEUED, now.minusSeconds(100 + i), 3600));
        }
        String davesCursor = valid(LIST_SCHEMA, invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, "dave",
                Map.of(), Map.of("limit", "1")))).path("nextCursor").asText();

        for (String forged : List.of(davesCursor, "not-a-cursor", davesCursor + "x", "djF8fHx8")) {
            APIGatewayProxyResponseEvent response = invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, ALICE,
                    Map.of(), Map.of("cursor", forged)));
            assertEquals(400, response.getStatusCode(), forged);
            assertEquals("BAD_REQUEST", valid(ERROR_SCHEMA, response).path("code").asText());
        }
    }

    @Test
    void aBadLimitOrStatusIs400() {
        for (Map<String, String> query : List.of(Map.of("limit", "0"), Map.of("limit", "101"), Map.of("limit", "ten"),
                Map.of("limit", "-1"), Map.of("status", "RUNNING"))) {
            assertEquals(400, invoke(handler, request("GET", JobsApi.LIST_ROUTE, null, ALICE, Map.of(), query))
                    .getStatusCode(), query.toString());
        }
    }

    @Test
    void throttlingIs503WithRetryAfterAndNothingInternalInTheBody() {
        GetJobHandler throttled = handler(Map.of(), new DynamoFaults(Set.of("GetItem", "Query"), 1.0, 1));

        for (APIGatewayProxyRequestEvent request : List.of(
                request("GET", JobsApi.JOB_ROUTE, "job-alice-1", ALICE, Map.of("Origin", APP), Map.of()),
                request("GET", JobsApi.LIST_ROUTE, null, ALICE, Map.of("Origin", APP), Map.of()))) {
            APIGatewayProxyResponseEvent response = invoke(throttled, request);
            assertEquals(503, response.getStatusCode());
            assertEquals("1", response.getHeaders().get("Retry-After"));
            assertEquals(APP, response.getHeaders().get("Access-Control-Allow-Origin"));
            assertTrue(List.of(response.getHeaders().get("Access-Control-Expose-Headers").split(", "))
                    .contains("Retry-After"), "a browser hides Retry-After from the page unless it is exposed");
            JsonNode body = valid(ERROR_SCHEMA, response);
            assertEquals("THROTTLED", body.path("code").asText());
            assertFalse(response.getBody().contains("Exception") || response.getBody().contains("DynamoDB"),
                    response.getBody());
        }
    }

    @Test
    void everyRequestLogsOneJsonLineWithRouteStatusAndLatencyButNoToken() {
        get("job-alice-1", ALICE, Map.of("Authorization", "Bearer eyJsecret.token.here"));

        List<JsonNode> lines = logs.lines().stream().map(GetJobHandlerIT::json)
                .filter(l -> "request".equals(l.path("message").asText())).toList();
        assertEquals(1, lines.size(), logs.lines().toString());
        JsonNode line = lines.getFirst();
        assertEquals("GET /v1/jobs/{id}", line.path("route").asText());
        assertEquals(200, line.path("statusCode").asInt());
        assertTrue(line.has("latencyMs"));
        assertEquals("job-alice-1", line.path("jobId").asText());
        assertTrue(line.has("cold_start"));
        assertFalse(logs.lines().toString().contains("eyJsecret"), "tokens never reach the logs");
    }

    @Test
    void theSnapStartHookRunsTheRequestPathAgainstTheRealTable() {
        DynamoFaults counting = new DynamoFaults(Set.of("GetItem", "Query"), 0.0, 1);
        GetJobHandler primed = handler(Map.of(), counting);

        assertEquals(List.of(404, 200, 200), primed.prime());
        primed.beforeCheckpoint(null);
        assertEquals(1, dynamo.scan(b -> b.tableName(tableName)).count(), "priming wrote nothing");
    }

    // --- helpers ---

    private APIGatewayProxyResponseEvent get(String id, String caller, Map<String, String> headers) {
        return invoke(handler, request("GET", JobsApi.JOB_ROUTE, id, caller, headers, Map.of()));
    }

    private static APIGatewayProxyRequestEvent request(String method, String route, String id, String caller,
                                                       Map<String, String> headers, Map<String, String> query) {
        return ApiGateway.event(method, route, route.replace("{id}", String.valueOf(id)), id, headers, query, caller);
    }

    private static APIGatewayProxyResponseEvent invoke(GetJobHandler handler, APIGatewayProxyRequestEvent request) {
        return handler.handleRequest(request, new LocalLambdaContext("GetJobFn-test"));
    }

    private GetJobHandler handler(Map<String, String> extra, DynamoFaults... faults) {
        Map<String, String> env = new HashMap<>(Map.of(
                "JOBS_TABLE_NAME", tableName,
                "ALLOWED_ORIGINS", APP + ",http://localhost:5173",
                "STAGE", "test",
                "AWS_REGION", REGION,
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing"));
        env.putAll(extra);
        ReaderConfig config = ReaderConfig.from(new Env(env));
        for (DynamoFaults fault : faults) {
            config = new ReaderConfig(config.tableName(), config.allowedOrigins(), config.stage(),
                    config.serviceName(), config.aws().withInterceptor(fault));
        }
        return new GetJobHandler(config);
    }

    private void put(JobRecord job) {
        assertTrue(table.apply(job, table.find(job.jobId()).map(JobRecord::revision).orElse(null)), "put " + job.jobId());
    }

    private JobRecord job(String id, String owner, JobStatus status, Instant at, long ttlFromNowSeconds) {
        return new JobRecord(id, owner, status, 1, "k", at, at,
                status == JobStatus.PROCESSING ? 42 : null,
                status == JobStatus.FAILED ? new JobError("MODEL_TIMEOUT", "Please try again") : null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/" + id + ".mp4" : null,
                now.getEpochSecond() + ttlFromNowSeconds, 1);
    }

    private static JsonNode valid(Schema schema, APIGatewayProxyResponseEvent response) {
        JsonNode body = json(response.getBody());
        assertEquals(List.of(), schema.validate(body).stream().map(Object::toString).toList(), response.getBody());
        if (schema == ERROR_SCHEMA) {
            assertEquals(body.path("message").asText(), body.path("error").asText(), "one message, two spellings");
        }
        return body;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
