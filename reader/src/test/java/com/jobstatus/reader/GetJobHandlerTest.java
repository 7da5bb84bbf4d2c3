package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LogCapture;
import com.jobstatus.reader.RequestEvent.Answer;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JsonSchemas;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.Revision;
import com.jobstatus.store.StoreException;
import com.networknt.schema.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Read API's rules (docs/DESIGN.md "Read API") through the handler, on the in-memory repository, with the
 * request events of {@code reader/events} as API Gateway sends them: routing, identity, validation, who sees what,
 * CORS, conditional GET, the list, throttling. {@code GetJobHandlerIT} covers the real DynamoDB path.
 */
class GetJobHandlerTest {

    /** The caller, job and origin of the files in reader/events. */
    private static final String OWNER = "3f8e2b6c-5d4a-4e1f-9b7c-2a1d0e9f8c7b";
    private static final String JOB = "job-7f3c2a91";
    private static final String APP = "https://video.deepfoundai.com";
    private static final String DEV_SERVER = "http://localhost:5173";
    private static final String BOB = "b0b0b0b0-0000-4000-8000-000000000b0b";
    private static final Instant NOW = Instant.parse("2026-12-02T10:31:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ReaderMetrics METRICS = new ReaderMetrics(Telemetry.metrics("job-status-reader", "test"));
    private static final Schema JOB_SCHEMA = JsonSchemas.load(JsonSchemas.JOB);
    private static final Schema LIST_SCHEMA = JsonSchemas.load(JsonSchemas.JOB_LIST);
    private static final Schema ERROR_SCHEMA = JsonSchemas.load(JsonSchemas.ERROR);

    private final InMemoryJobRepository jobs = new InMemoryJobRepository();
    private final GetJobHandler handler = handler(jobs);

    GetJobHandlerTest() {
        put(job(JOB, OWNER, JobStatus.PROCESSING, NOW.minusSeconds(60)));
    }

    // --- the files as they are

    @Test
    void theExampleEventsAreAnsweredAsTheFrontendExpects() {
        Answer job = RequestEvent.file("get-job").sendTo(handler);
        assertEquals(200, job.status(), job.body());
        assertEquals(JOB, valid(JOB_SCHEMA, job).path("jobId").asText());
        assertEquals(APP, job.header("Access-Control-Allow-Origin"));

        Answer list = RequestEvent.file("list-jobs").sendTo(handler);
        assertEquals(200, list.status(), list.body());
        assertEquals(JOB, valid(LIST_SCHEMA, list).path("jobs").path(0).path("jobId").asText(),
                "the file asks for PROCESSING jobs");
        assertEquals(APP, list.header("Access-Control-Allow-Origin"), "its header names are in lower case");

        Answer preflight = RequestEvent.file("preflight").sendTo(handler);
        assertEquals(200, preflight.status());
        assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
    }

    // --- routing and identity

    @Test
    void aRouteOrMethodTheApiDoesNotServeIs404SayingSo() {
        for (RequestEvent request : List.of(RequestEvent.getJob(JOB).route("/v1/jobs/{id}/logs"),
                RequestEvent.listJobs().method("POST"), RequestEvent.getJob(JOB).method("DELETE"),
                RequestEvent.getJob(JOB).route(null))) {
            Answer answer = request.sendTo(handler);
            assertEquals(404, answer.status(), request.json().toString());
            assertEquals("No such route", valid(ERROR_SCHEMA, answer).path("message").asText());
        }
    }

    @Test
    void noVerifiedCallerIs401AndCarriesCors() {
        for (RequestEvent request : List.of(RequestEvent.getJob(JOB).caller(null), RequestEvent.listJobs().caller(null),
                RequestEvent.getJob(JOB).caller(""), RequestEvent.getJob(JOB).caller("  "))) {
            Answer answer = request.sendTo(handler);
            assertEquals(401, answer.status());
            assertEquals("UNAUTHORIZED", valid(ERROR_SCHEMA, answer).path("code").asText());
            assertEquals(APP, answer.header("Access-Control-Allow-Origin"), "a page can read why");
        }
    }

    static Stream<String> malformedIds() {
        return Stream.of("", "x".repeat(129), "é".repeat(65), "job-é", "%2F", "a%2Fb", "..", ".", "a/b", "job\u0000",
                "job 1", "job-1;drop");
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void aMalformedIdIs400BeforeTheStoreIsAsked(String id) {
        GetJobHandler guarded = handler(failing(() -> new AssertionError("the store was asked for " + id)));

        Answer answer = RequestEvent.getJob(id).sendTo(guarded);

        assertEquals(400, answer.status());
        assertEquals("BAD_REQUEST", valid(ERROR_SCHEMA, answer).path("code").asText());
        assertEquals(APP, answer.header("Access-Control-Allow-Origin"), "errors carry CORS too");
    }

    // --- who sees what

    @Test
    void anotherUsersJobAnUnknownIdAndAnExpiredJobAreTheSame404() {
        put(new JobRecord("job-expired", OWNER, JobStatus.COMPLETED, 1, "k", NOW.minusSeconds(90), NOW.minusSeconds(90),
                null, null, "https://cdn.example.com/x.mp4", NOW.getEpochSecond(), 1));

        List<Answer> answers = List.of(
                RequestEvent.getJob(JOB).caller(BOB).sendTo(handler),
                RequestEvent.getJob("job-nobody-has").caller(BOB).sendTo(handler),
                RequestEvent.getJob("job-expired").sendTo(handler));

        for (Answer answer : answers) {
            assertEquals(404, answer.status());
            JsonNode body = valid(ERROR_SCHEMA, answer);
            assertEquals("NOT_FOUND", body.path("code").asText());
            assertEquals("Job not found", body.path("message").asText());
            assertEquals(answers.getFirst().headers(), answer.headers(), "no probing by headers");
            assertEquals(answers.getFirst().body(), answer.body(), "no probing by body");
        }
        assertEquals("b3f1c7e2-2a4d-4c6b-9e8f-0d1c2b3a4f5e", answers.getFirst().json().path("requestId").asText(),
                "API Gateway's request id, for support");
    }

    @Test
    void aJobCarriesWhatItsStatusHas() {
        put(job("job-done", OWNER, JobStatus.COMPLETED, NOW.minusSeconds(5)));
        put(job("job-failed", OWNER, JobStatus.FAILED, NOW.minusSeconds(5)));

        JsonNode processing = valid(JOB_SCHEMA, RequestEvent.getJob(JOB).sendTo(handler));
        assertEquals("PROCESSING", processing.path("status").asText());
        assertEquals(42, processing.path("progress").asInt());
        assertEquals("2026-12-02T10:30:05.000Z", processing.path("createdAt").asText());
        assertEquals("https://cdn.example.com/job-done.mp4",
                valid(JOB_SCHEMA, RequestEvent.getJob("job-done").sendTo(handler)).path("outputUrl").asText());
        assertEquals("MODEL_TIMEOUT",
                valid(JOB_SCHEMA, RequestEvent.getJob("job-failed").sendTo(handler)).path("error").path("code").asText());
    }

    // --- CORS

    @Test
    void anAllowedOriginIsEchoedWithVaryAndTheExposedHeaders() {
        for (String origin : List.of(APP, DEV_SERVER)) {
            Answer answer = RequestEvent.getJob(JOB).header("Origin", origin).sendTo(handler);
            assertEquals(200, answer.status());
            assertEquals(origin, answer.header("Access-Control-Allow-Origin"));
            assertEquals("Origin", answer.header("Vary"));
            assertEquals("ETag, Retry-After", answer.header("Access-Control-Expose-Headers"));
            assertNull(answer.header("Access-Control-Allow-Credentials"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com", "null", "*", "https://VIDEO.deepfoundai.com",
            "https://video.deepfoundai.com/", "https://video.deepfoundai.com.evil.com", "http://video.deepfoundai.com",
            "https://video.deepfoundai.com:443", ""})
    void anyOtherOriginGetsTheAnswerWithoutCorsButStillVary(String origin) {
        Answer answer = RequestEvent.getJob(JOB).header("Origin", origin).sendTo(handler);

        assertEquals(200, answer.status());
        assertNull(answer.header("Access-Control-Allow-Origin"));
        assertNull(answer.header("Access-Control-Expose-Headers"));
        assertEquals("Origin", answer.header("Vary"), "caches must not hand this answer to an allowed origin");
    }

    @Test
    void withoutOriginThereAreNoCorsHeaders() {
        Answer answer = RequestEvent.getJob(JOB).header("Origin", null).sendTo(handler);

        assertEquals(200, answer.status());
        assertNull(answer.header("Access-Control-Allow-Origin"));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        String etag = RequestEvent.getJob(JOB).sendTo(handler).header("ETag");

        Answer answer = RequestEvent.getJob(JOB).header("ORIGIN", DEV_SERVER).header("if-NONE-match", etag)
                .sendTo(handler);

        assertEquals(304, answer.status());
        assertEquals(DEV_SERVER, answer.header("Access-Control-Allow-Origin"));
    }

    @Test
    void thePreflightNeedsNoCallerAndAnswersAnAllowedOriginWithWhatItMaySend() {
        for (String route : List.of(JobsApi.LIST_ROUTE, JobsApi.JOB_ROUTE)) {
            Answer answer = RequestEvent.preflight().route(route).sendTo(handler);

            assertEquals(200, answer.status(), "200, not 204: the platform's CORS runbook fails any other status");
            assertEquals(APP, answer.header("Access-Control-Allow-Origin"));
            assertEquals("GET, OPTIONS", answer.header("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, If-None-Match", answer.header("Access-Control-Allow-Headers"));
            assertEquals("600", answer.header("Access-Control-Max-Age"));
            assertEquals("Origin", answer.header("Vary"));
            assertNull(answer.body());
        }
    }

    @Test
    void aPreflightFromAnyOtherOriginIs200WithoutCorsHeaders() {
        for (String origin : new String[] {"https://evil.example.com", "null", null}) {
            Answer answer = RequestEvent.preflight().header("Origin", origin).sendTo(handler);

            assertEquals(200, answer.status(), String.valueOf(origin));
            assertTrue(answer.headers().keySet().stream().noneMatch(h -> h.startsWith("Access-Control-")),
                    answer.headers().toString());
            assertEquals("Origin", answer.header("Vary"));
            assertNull(answer.body());
        }
    }

    // --- conditional GET

    @Test
    void aMatchingIfNoneMatchIs304WithoutBodyButWithTagCacheControlAndCors() {
        Answer first = RequestEvent.getJob(JOB).sendTo(handler);
        String etag = first.header("ETag");
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
        assertEquals("private, no-cache", first.header("Cache-Control"));

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            Answer unchanged = RequestEvent.getJob(JOB).header("If-None-Match", ifNoneMatch).sendTo(handler);
            assertEquals(304, unchanged.status(), ifNoneMatch);
            assertNull(unchanged.body());
            assertEquals(etag, unchanged.header("ETag"));
            assertEquals("private, no-cache", unchanged.header("Cache-Control"));
            assertEquals(APP, unchanged.header("Access-Control-Allow-Origin"));
        }
        assertEquals(304, RequestEvent.getJob(JOB).repeatedHeader("If-None-Match", etag, "\"other\"")
                .sendTo(handler).status(), "every value of a repeated header counts");
        assertEquals(200, RequestEvent.getJob(JOB).header("If-None-Match", "\"other\"").sendTo(handler).status());
    }

    @Test
    void aChangedJobGetsANewTag() {
        String etag = RequestEvent.getJob(JOB).sendTo(handler).header("ETag");
        JobRecord stored = jobs.find(JOB).orElseThrow();
        jobs.apply(new JobRecord(JOB, OWNER, JobStatus.COMPLETED, 1, "k2", stored.createdAt(), NOW, null, null,
                "https://cdn.example.com/" + JOB + ".mp4", stored.ttl(), 2), stored.revision());

        Answer changed = RequestEvent.getJob(JOB).header("If-None-Match", etag).sendTo(handler);

        assertEquals(200, changed.status());
        assertNotEquals(etag, changed.header("ETag"));
        assertEquals("COMPLETED", valid(JOB_SCHEMA, changed).path("status").asText());
    }

    // --- the list

    @Test
    void theListIsTheCallersJobsNewestFirstAsTheUserAppReadsIt() {
        put(job("job-newer", OWNER, JobStatus.QUEUED, NOW.minusSeconds(10)));
        put(job("job-bobs", BOB, JobStatus.QUEUED, NOW.minusSeconds(5)));
        put(new JobRecord("job-gone", OWNER, JobStatus.QUEUED, 1, "k", NOW.minusSeconds(1), NOW.minusSeconds(1), null,
                null, null, NOW.getEpochSecond(), 1));

        Answer answer = RequestEvent.listJobs().sendTo(handler);

        assertEquals(200, answer.status());
        assertEquals("private, no-cache", answer.header("Cache-Control"));
        assertEquals(APP, answer.header("Access-Control-Allow-Origin"));
        JsonNode data = valid(LIST_SCHEMA, answer);
        assertEquals(List.of("job-newer", JOB), ids(data), "newest first, only the caller's, nothing expired");
        assertTrue(data.has("nextCursor") && data.get("nextCursor").isNull(), data.toString());
        assertEquals(Set.of("jobs", "nextCursor"), fieldNames(data), "{jobs: [...]}: the user app reads data.jobs");
    }

    @Test
    void theListPagesByCursorWithoutDuplicatesOrGapsAndFiltersByStatus() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String id = "list-" + i;
            put(job(id, "carol", i % 3 == 0 ? JobStatus.FAILED : JobStatus.QUEUED, NOW.minusSeconds(1000 - i)));
            expected.addFirst(id);
        }

        JsonNode firstPage = valid(LIST_SCHEMA, RequestEvent.listJobs().caller("carol").sendTo(handler));
        assertEquals(JobsApi.DEFAULT_LIMIT, firstPage.path("jobs").size());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "5") : Map.of("limit", "5", "cursor", cursor);
            JsonNode page = valid(LIST_SCHEMA, RequestEvent.listJobs().caller("carol").query(query).sendTo(handler));
            seen.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(expected, seen);
        assertEquals(5, pages);

        JsonNode failed = valid(LIST_SCHEMA, RequestEvent.listJobs().caller("carol")
                .query(Map.of("status", "FAILED", "limit", "100")).sendTo(handler));
        assertEquals(8, failed.path("jobs").size());
        failed.path("jobs").forEach(job -> assertEquals("FAILED", job.path("status").asText()));
    }

    @Test
    void aBadLimitStatusOrCursorIs400SayingWhich() {
        put(job("carol-1", "carol", JobStatus.QUEUED, NOW.minusSeconds(3)));
        put(job("carol-2", "carol", JobStatus.QUEUED, NOW.minusSeconds(2)));
        String carolsCursor = valid(LIST_SCHEMA, RequestEvent.listJobs().caller("carol").query(Map.of("limit", "1"))
                .sendTo(handler)).path("nextCursor").asText();

        Map<Map<String, String>, String> cases = Map.of(
                Map.of("limit", "0"), "limit", Map.of("limit", "101"), "limit", Map.of("limit", "ten"), "limit",
                Map.of("limit", "-1"), "limit", Map.of("limit", ""), "limit",
                Map.of("status", "RUNNING"), "status", Map.of("status", "queued "), "status",
                Map.of("cursor", carolsCursor), "cursor", Map.of("cursor", "not-a-cursor"), "cursor",
                Map.of("cursor", carolsCursor + "x"), "cursor");
        cases.forEach((query, named) -> {
            Answer answer = RequestEvent.listJobs().query(query).sendTo(handler);
            assertEquals(400, answer.status(), query.toString());
            assertTrue(valid(ERROR_SCHEMA, answer).path("message").asText().startsWith(named), answer.body());
        });
        assertEquals(200, RequestEvent.listJobs().query(Map.of("limit", "100")).sendTo(handler).status());
    }

    // --- the store failing

    @Test
    void throttlingIs503WithAnExposedRetryAfterAndNothingInternalInTheBody() {
        GetJobHandler throttled = handler(failing(() -> new StoreException(
                "GetItem failed: ProvisionedThroughputExceededException (HTTP 400)", true, null)));

        for (RequestEvent request : List.of(RequestEvent.getJob(JOB), RequestEvent.listJobs())) {
            Answer answer = request.sendTo(throttled);
            assertEquals(503, answer.status());
            assertEquals("1", answer.header("Retry-After"));
            assertEquals(APP, answer.header("Access-Control-Allow-Origin"));
            assertTrue(List.of(answer.header("Access-Control-Expose-Headers").split(", ")).contains("Retry-After"),
                    "a browser hides Retry-After from the page unless it is exposed");
            assertEquals("THROTTLED", valid(ERROR_SCHEMA, answer).path("code").asText());
            assertFalse(answer.body().contains("Exception") || answer.body().contains("GetItem"), answer.body());
        }
    }

    @Test
    void anyOtherFailureIs500WithoutItsCause() {
        GetJobHandler broken = handler(failing(() -> new StoreException("GetItem failed: AccessDenied", false, null)));

        Answer answer = RequestEvent.getJob(JOB).sendTo(broken);

        assertEquals(500, answer.status());
        assertEquals("INTERNAL", valid(ERROR_SCHEMA, answer).path("code").asText());
        assertNull(answer.header("Retry-After"));
        assertFalse(answer.body().contains("AccessDenied"), answer.body());
    }

    // --- the log

    @Test
    void everyRequestLogsOneJsonLineWithRouteStatusAndLatencyButNoToken() {
        try (LogCapture logs = new LogCapture()) {
            RequestEvent.file("get-job").sendTo(handler);

            List<JsonNode> lines = logs.lines().stream().map(GetJobHandlerTest::json)
                    .filter(l -> "request".equals(l.path("message").asText())).toList();
            assertEquals(1, lines.size(), logs.lines().toString());
            JsonNode line = lines.getFirst();
            assertEquals("GET /v1/jobs/{id}", line.path("route").asText());
            assertEquals(200, line.path("statusCode").asInt());
            assertTrue(line.path("latencyMs").isNumber(), line.toString());
            assertEquals(JOB, line.path("jobId").asText());
            assertEquals("OK", line.path("outcome").asText());
            assertEquals("b3f1c7e2-2a4d-4c6b-9e8f-0d1c2b3a4f5e", line.path("apiRequestId").asText());
            assertTrue(line.has("cold_start"), line.toString());
            assertFalse(logs.lines().toString().contains("eyJ"), "tokens never reach the logs");
        }
    }

    // --- helpers

    private static GetJobHandler handler(JobRepository repository) {
        return new GetJobHandler(new JobsApi(repository, new Cors(Set.of(APP, DEV_SERVER)), CLOCK), METRICS);
    }

    /** A store whose every call fails with the given throwable. */
    private static JobRepository failing(Supplier<? extends Throwable> failure) {
        return new JobRepository() {
            @Override
            public Optional<JobRecord> find(String jobId) {
                return fail();
            }

            @Override
            public boolean apply(JobRecord next, Revision expected) {
                return fail();
            }

            @Override
            public Advance advance(JobRecord first) {
                return fail();
            }

            @Override
            public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
                return fail();
            }

            private <T> T fail() {
                Throwable t = failure.get();
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) t;
            }
        };
    }

    private void put(JobRecord job) {
        assertTrue(jobs.apply(job, jobs.find(job.jobId()).map(JobRecord::revision).orElse(null)), job.jobId());
    }

    private static JobRecord job(String id, String owner, JobStatus status, Instant at) {
        return new JobRecord(id, owner, status, 1, "k", at, at,
                status == JobStatus.PROCESSING ? 42 : null,
                status == JobStatus.FAILED ? new JobError("MODEL_TIMEOUT", "Please try again") : null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/" + id + ".mp4" : null,
                NOW.getEpochSecond() + 3600, 1);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("jobs").forEach(job -> ids.add(job.path("jobId").asText()));
        return ids;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode valid(Schema schema, Answer answer) {
        JsonNode body = answer.json();
        assertEquals(List.of(), schema.validate(body).stream().map(Object::toString).toList(), answer.body());
        if (schema == ERROR_SCHEMA) {
            assertEquals(body.path("message").asText(), body.path("error").asText(), "one message, two spellings");
        }
        return body;
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
