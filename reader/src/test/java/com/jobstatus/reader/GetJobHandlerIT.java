package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.reader.RequestEvent.Answer;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real GetJobFn handler, as API Gateway invokes it, against a real DynamoDB-compatible server (moto): what
 * depends on the table (items as other writers put them, the byUser index and its cursor, DynamoDB's throttling,
 * priming against the real table). The API's rules on their own are {@code GetJobHandlerTest}'s.
 */
@ExtendWith(MotoExtension.class)
class GetJobHandlerIT {

    private static final String REGION = "us-east-1";
    private static final String APP = "https://video.deepfoundai.com";
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
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    GetJobHandlerIT(MotoServer moto) {
        this.moto = moto;
        dynamo = AwsClients.dynamo(AwsSettings.local(moto.endpoint(), REGION));
        JobsTable.create(dynamo, tableName);
        table = new DynamoJobRepository(dynamo, tableName);
        handler = handler();
        put(job("job-alice-1", ALICE, JobStatus.PROCESSING, now.minusSeconds(60), 3600));
    }

    @Test
    void theOwnerGetsTheJobFromTheTableWithAnETagNoCacheAndCors() {
        Answer response = get("job-alice-1", ALICE);

        assertEquals(200, response.status());
        JsonNode body = valid(JOB_SCHEMA, response);
        assertEquals("job-alice-1", body.path("jobId").asText());
        assertEquals("PROCESSING", body.path("status").asText());
        assertEquals(42, body.path("progress").asInt());
        assertEquals("application/json", response.header("Content-Type"));
        assertEquals("private, no-cache", response.header("Cache-Control"));
        assertTrue(response.header("ETag").startsWith("\""));
        assertEquals(APP, response.header("Access-Control-Allow-Origin"));
        assertEquals(304, RequestEvent.getJob("job-alice-1").caller(ALICE)
                .header("If-None-Match", response.header("ETag")).sendTo(handler).status());
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
            Answer response = get(id, ALICE);
            assertEquals(200, response.status(), id + ": " + response.body());
            statuses.put(id, valid(JOB_SCHEMA, response).path("status").asText());
        }
        assertEquals(Map.of("seed-queued", "QUEUED", "seed-routed", "PROCESSING", "seed-rejected", "FAILED",
                "seed-done", "COMPLETED", "seed-odd", "QUEUED"), statuses);
        JsonNode rejected = valid(JOB_SCHEMA, get("seed-rejected", ALICE));
        assertEquals("REJECTED", rejected.path("error").path("code").asText());
        assertEquals("Out of credits", rejected.path("error").path("message").asText());

        JsonNode list = valid(LIST_SCHEMA, RequestEvent.listJobs().caller(ALICE).query(Map.of("limit", "100"))
                .sendTo(handler));
        Set<String> listed = new HashSet<>();
        list.path("jobs").forEach(job -> listed.add(job.path("jobId").asText()));
        assertTrue(listed.containsAll(statuses.keySet()), "an item without ttl is listed: " + listed);
        JsonNode processing = valid(LIST_SCHEMA, RequestEvent.listJobs().caller(ALICE)
                .query(Map.of("status", "PROCESSING")).sendTo(handler));
        Set<String> inProgress = new HashSet<>();
        processing.path("jobs").forEach(job -> inProgress.add(job.path("jobId").asText()));
        assertEquals(Set.of("job-alice-1", "seed-routed"), inProgress, "filtered by the status readers see");
        assertEquals(404, get("seed-queued", BOB).status(), "still only the owner's");
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
                valid(JOB_SCHEMA, get("job-done", ALICE)).path("outputUrl").asText());
        assertEquals("MODEL_TIMEOUT",
                valid(JOB_SCHEMA, get("job-failed", ALICE)).path("error").path("code").asText());
    }

    /** DynamoDB deletes expired items lazily: one it still has reads as gone, as another user's job does. */
    @Test
    void anotherUsersJobAndAnExpiredItemTheTableStillHoldsAreNotFound() {
        put(job("job-expired", ALICE, JobStatus.COMPLETED, now.minusSeconds(60), -1));

        List<Answer> responses = List.of(get("job-alice-1", BOB), get("job-nobody-has", BOB),
                get("job-expired", ALICE));

        for (Answer response : responses) {
            assertEquals(404, response.status());
            assertEquals("NOT_FOUND", valid(ERROR_SCHEMA, response).path("code").asText());
            assertEquals(responses.getFirst().headers(), response.headers(), "no probing by headers");
        }
    }

    /** The byUser index's order and the cursor's position as DynamoDB keeps them. */
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
            Map<String, String> query = cursor == null ? Map.of("limit", "5") : Map.of("limit", "5", "cursor", cursor);
            Answer response = RequestEvent.listJobs().caller("carol").query(query).sendTo(handler);
            assertEquals(200, response.status());
            JsonNode body = valid(LIST_SCHEMA, response);
            body.path("jobs").forEach(item -> seen.add(item.path("jobId").asText()));
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertEquals(expected, seen);
        assertEquals(new HashSet<>(seen).size(), seen.size(), "no duplicates");
        assertTrue(pages >= 5, "paged: " + pages);

        JsonNode failedOnly = valid(LIST_SCHEMA, RequestEvent.listJobs().caller("carol")
                .query(Map.of("status", "FAILED", "limit", "100")).sendTo(handler));
        assertEquals(8, failedOnly.path("jobs").size());
    }

    /** DynamoDB's own throttling error, after the SDK's retries, as the API's 503. */
    @Test
    void throttlingIs503WithRetryAfterAndNothingInternalInTheBody() {
        GetJobHandler throttled = handler(new DynamoFaults(Set.of("GetItem", "Query"), 1.0, 1));

        for (RequestEvent request : List.of(RequestEvent.getJob("job-alice-1").caller(ALICE),
                RequestEvent.listJobs().caller(ALICE))) {
            Answer response = request.sendTo(throttled);
            assertEquals(503, response.status());
            assertEquals("1", response.header("Retry-After"));
            assertEquals(APP, response.header("Access-Control-Allow-Origin"));
            assertEquals("THROTTLED", valid(ERROR_SCHEMA, response).path("code").asText());
            assertFalse(response.body().contains("Exception") || response.body().contains("DynamoDB"),
                    response.body());
        }
    }

    @Test
    void theSnapStartHookRunsTheRequestPathAgainstTheRealTable() {
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        ReaderConfig config = config();
        config = new ReaderConfig(config.tableName(), config.allowedOrigins(), config.stage(), config.serviceName(),
                config.aws().withInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
                    }
                }));

        assertEquals(GetJobPriming.STATUSES, new GetJobWiring(config).priming(3).run());
        assertEquals(Map.of("GetItem", 9, "Query", 3), calls, "the real table read in every round");
        assertEquals(1, dynamo.scan(b -> b.tableName(tableName)).count(), "priming wrote nothing");
    }

    // --- helpers ---

    private Answer get(String id, String caller) {
        return RequestEvent.getJob(id).caller(caller).sendTo(handler);
    }

    private GetJobHandler handler(DynamoFaults... faults) {
        return new GetJobHandler(new GetJobWiring(config(faults)));
    }

    private ReaderConfig config(DynamoFaults... faults) {
        Map<String, String> env = new HashMap<>(Map.of(
                "JOBS_TABLE_NAME", tableName,
                "ALLOWED_ORIGINS", APP + ",http://localhost:5173",
                "STAGE", "test",
                "AWS_REGION", REGION,
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing"));
        ReaderConfig config = ReaderConfig.from(new Env(env));
        for (DynamoFaults fault : faults) {
            config = new ReaderConfig(config.tableName(), config.allowedOrigins(), config.stage(),
                    config.serviceName(), config.aws().withInterceptor(fault));
        }
        return config;
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

    private static JsonNode valid(Schema schema, Answer response) {
        JsonNode body = response.json();
        assertEquals(List.of(), schema.validate(body).stream().map(Object::toString).toList(), response.body());
        return body;
    }
}
