package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.localaws.LogCapture;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.DynamoCallCounter;
import com.jobstatus.store.DynamoFaults;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobsTable;
import com.jobstatus.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The real ProjectorFn handler against a real DynamoDB-compatible server and SQS (moto). */
@ExtendWith(MotoExtension.class)
class ProjectorIT {

    private static final String REGION = "us-east-1";

    private final MotoServer moto;
    private final AwsSettings aws;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String tableName = "Jobs-it-" + UUID.randomUUID();
    private final String queueUrl;
    private final DynamoJobRepository table;
    private final LogCapture logs = new LogCapture();

    ProjectorIT(MotoServer moto) {
        this.moto = moto;
        aws = AwsSettings.local(moto.endpoint(), REGION);
        dynamo = AwsClients.dynamo(aws);
        sqs = AwsClients.configure(SqsClient.builder(), aws).build();
        JobsTable.create(dynamo, tableName);
        queueUrl = sqs.createQueue(b -> b.queueName("failures-" + UUID.randomUUID())).queueUrl();
        table = new DynamoJobRepository(dynamo, tableName);
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aLifecycleThroughTheRealHandlerLandsInTheTableWithOneJsonLogLinePerEvent() {
        ProjectorHandler handler = handlerFromEnvironment();
        Instant start = Instant.now().minusSeconds(30);
        List<String> events = List.of(
                event("e1", "job-it-1", JobStatus.QUEUED, start, null),
                event("e2", "job-it-1", JobStatus.PROCESSING, start.plusSeconds(5), 50),
                event("e3", "job-it-1", JobStatus.COMPLETED, start.plusSeconds(9), null));

        for (String event : events) {
            assertEquals("{\"outcome\":\"APPLIED\"}", invoke(handler, event));
        }
        assertEquals("{\"outcome\":\"STALE\"}", invoke(handler, events.get(1)), "a redelivery changes nothing");

        JobRecord job = table.find("job-it-1").orElseThrow();
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals("https://cdn.example.com/job-it-1.mp4", job.outputUrl());
        List<JsonNode> lines = logs.lines().stream().map(ProjectorIT::json)
                .filter(l -> "job-it-1".equals(l.path("jobId").asText())).toList();
        assertEquals(List.of("APPLIED", "APPLIED", "APPLIED", "STALE"),
                lines.stream().map(l -> l.path("outcome").asText()).toList());
        assertTrue(lines.stream().allMatch(l -> !l.path("function_request_id").asText().isEmpty()), lines::toString);
        assertTrue(lines.stream().noneMatch(l -> l.toString().contains("5f1c2a9e")), "no user ids in logs");
    }

    /** The lever of BENCHMARKS.md: a new job and its next events one conditional UpdateItem each, no GetItem. */
    @Test
    void aLifecycleIsOneDynamoDbCallPerEventAndARedeliveryOneRefusedCallThatBringsTheItem() {
        DynamoCallCounter calls = new DynamoCallCounter();
        ProjectorHandler handler = handler(AwsClients.dynamo(aws.withInterceptor(calls)));
        Instant start = Instant.now().minusSeconds(30);
        String processing = event("c2", "job-calls", JobStatus.PROCESSING, start.plusSeconds(5), 50);

        assertEquals("{\"outcome\":\"APPLIED\"}", invoke(handler, event("c1", "job-calls", JobStatus.QUEUED, start, null)));
        assertEquals("{\"outcome\":\"APPLIED\"}", invoke(handler, processing));
        assertEquals("{\"outcome\":\"APPLIED\"}",
                invoke(handler, event("c3", "job-calls", JobStatus.COMPLETED, start.plusSeconds(9), null)));
        assertEquals(List.of("UpdateItem", "UpdateItem", "UpdateItem"), calls.takeCalls());

        assertEquals("{\"outcome\":\"STALE\"}", invoke(handler, processing));
        assertEquals(List.of("UpdateItem"), calls.takeCalls(), "DynamoDB's refusal carries the item: no GetItem");

        assertEquals("{\"outcome\":\"APPLIED\"}",
                invoke(handler, event("c0", "job-calls", JobStatus.QUEUED, start.minusSeconds(5), null)));
        assertEquals(List.of("UpdateItem", "UpdateItem"), calls.takeCalls(), "a late first event: refused, merged, written");
        JobRecord job = table.find("job-calls").orElseThrow();
        assertEquals(List.of(JobStatus.COMPLETED, start.minusSeconds(5).truncatedTo(ChronoUnit.MILLIS), 4L),
                List.of(job.status(), job.createdAt(), job.version()));
    }

    /** FalInvoker's J-02 seed (no updatedAt, ttl, version or order key) and the job submitter's status update. */
    @Test
    void eventsMergeIntoAnItemAnotherWriterSeededAndUpdatedWithoutEverSticking() {
        ProjectorHandler handler = handlerFromEnvironment();
        Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        dynamo.putItem(b -> b.tableName(tableName).item(Map.of(
                "jobId", AttributeValue.fromS("job-seeded"), "status", AttributeValue.fromS("queued"),
                "createdAt", AttributeValue.fromS(start.toString()),
                "userId", AttributeValue.fromS("5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f"),
                "prompt", AttributeValue.fromS("a cat on a skateboard"))));

        assertEquals("{\"outcome\":\"APPLIED\"}",
                invoke(handler, event("s1", "job-seeded", JobStatus.PROCESSING, start.plusSeconds(5), 20)));
        JobRecord processing = table.find("job-seeded").orElseThrow();
        assertEquals(JobStatus.PROCESSING, processing.status());
        assertEquals(20, processing.progress());
        assertEquals(start, processing.createdAt());

        // the job submitter sets ROUTED with its own timestamp, leaving our attributes: PROCESSING either way
        dynamo.updateItem(b -> b.tableName(tableName).key(Map.of("jobId", AttributeValue.fromS("job-seeded")))
                .updateExpression("SET #s = :s, updatedAt = :u")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("ROUTED"),
                        ":u", AttributeValue.fromS(start.plusSeconds(6).atOffset(ZoneOffset.UTC).toString()))));
        assertEquals(JobStatus.PROCESSING, table.find("job-seeded").orElseThrow().status());

        assertEquals("{\"outcome\":\"APPLIED\"}",
                invoke(handler, event("s2", "job-seeded", JobStatus.COMPLETED, start.plusSeconds(9), null)));
        assertEquals("{\"outcome\":\"STALE\"}",
                invoke(handler, event("s1", "job-seeded", JobStatus.PROCESSING, start.plusSeconds(5), 20)));
        JobRecord completed = table.find("job-seeded").orElseThrow();
        assertEquals(JobStatus.COMPLETED, completed.status());
        assertEquals("https://cdn.example.com/job-seeded.mp4", completed.outputUrl());
        assertEquals(start.plusSeconds(9).plus(Duration.ofDays(30)).getEpochSecond(), completed.ttl());
        assertEquals("a cat on a skateboard", dynamo.getItem(b -> b.tableName(tableName)
                .key(Map.of("jobId", AttributeValue.fromS("job-seeded")))).item().get("prompt").s());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages().size(), "nothing stuck");
    }

    @Test
    void everyInvalidExampleEndsInTheFailureQueueWithItsReasonIsLoggedAndWritesNothing() {
        ProjectorHandler handler = handlerFromEnvironment();
        for (Path example : ExampleEvents.invalid()) {
            String field = example.getFileName().toString().split("--")[0];
            String raw = ExampleEvents.read(example);

            assertEquals("{\"outcome\":\"REJECTED\"}", invoke(handler, raw), example.toString());

            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            assertEquals(1, messages.size(), example.toString());
            Message message = messages.getFirst();
            assertEquals(raw, message.body());
            String reason = message.messageAttributes().get("reason").stringValue();
            assertTrue(reason.contains(field), example + ": " + reason);
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            assertTrue(logs.lines().stream().map(ProjectorIT::json).anyMatch(l ->
                    "REJECTED".equals(l.path("outcome").asText()) && reason.equals(l.path("reason").asText())),
                    example + " was not logged with its reason");
        }
        assertEquals(0, dynamo.scan(b -> b.tableName(tableName)).count());
    }

    @Test
    void refusalsQuotingWhatSqsRefusesStillReachTheQueueWithTheirReasonAndTheEventExactly() throws Exception {
        SqsRefusals refusals = SqsRefusals.asSqs();
        ProjectorHandler handler = handler(dynamo, AwsClients.configure(SqsClient.builder(),
                aws.withInterceptor(refusals)).build());
        String queued = ExampleEvents.read(ExampleEvents.valid("queued"));
        Map<String, String> cases = Map.of(
                "jobId", queued.replace("\"job-7f3a9c\"", "\"job\\u0001\\ud800\""),
                "source", queued.replace("\"jobs.fal-invoker\"", "\"jobs.\\u0000\\uffff\""),
                "status", queued.replace("\"status\": \"QUEUED\"", "\"status\": \"QUEUED\\u0000\", \"progress\": 5"),
                "event", "{not json \u0001 \uFFFF}",
                "detail-type", queued.replace("\"Job Status Changed\"", "\"\uFFFE\""));

        for (Map.Entry<String, String> refusal : cases.entrySet()) {
            String raw = refusal.getValue();
            assertEquals("{\"outcome\":\"REJECTED\"}", invoke(handler, raw), refusal.getKey());

            Message message = sqs.receiveMessage(b -> b.queueUrl(queueUrl).messageAttributeNames("All")).messages()
                    .getFirst();
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            Map<String, MessageAttributeValue> attributes = message.messageAttributes();
            assertTrue(attributes.get(SqsFailureQueue.ATTR_REASON).stringValue().contains(refusal.getKey()),
                    refusal.getKey() + ": " + attributes);
            boolean encoded = attributes.containsKey(SqsFailureQueue.ATTR_BODY_ENCODING);
            assertEquals(raw, encoded ? Json.MAPPER.readTree(message.body()).asText() : message.body(),
                    refusal.getKey() + ": the event is kept exactly");
        }
        assertEquals("job\\u0001\\ud800", sqsAttribute(handler, cases.get("jobId"), SqsFailureQueue.ATTR_JOB_ID));
        assertTrue(sqsAttribute(handler, cases.get("status"), SqsFailureQueue.ATTR_REASON)
                .contains("progress is not allowed with status QUEUED\\u0000"));
        assertEquals(0, refusals.refused(), "nothing SQS would refuse was sent");
        assertEquals(0, dynamo.scan(b -> b.tableName(tableName)).count());
    }

    @Test
    void whenSqsRefusesTheMessageWithItsAttributesTheEventReachesTheQueueWithoutThem() {
        SqsRefusals refusals = new SqsRefusals(request -> !request.messageAttributes().isEmpty());
        ProjectorHandler handler = handler(dynamo, AwsClients.configure(SqsClient.builder(),
                aws.withInterceptor(refusals)).build());
        String raw = ExampleEvents.read(ExampleEvents.invalid().getFirst());

        assertEquals("{\"outcome\":\"REJECTED\"}", invoke(handler, raw));

        Message message = sqs.receiveMessage(b -> b.queueUrl(queueUrl).messageAttributeNames("All")).messages()
                .getFirst();
        assertEquals(raw, message.body());
        assertTrue(message.messageAttributes().isEmpty(), message.messageAttributes().toString());
        assertEquals(1, refusals.refused());
    }

    @Test
    void twoProjectorsApplyingTheSameShuffledEventsAtOnceConverge() throws Exception {
        ProjectorHandler first = handlerFromEnvironment();
        ProjectorHandler second = handlerFromEnvironment();
        Random random = new Random(42);
        Instant start = Instant.now().minus(Duration.ofHours(1));
        List<List<JobEvent>> histories = new ArrayList<>();
        for (int job = 0; job < 12; job++) {
            String jobId = "race-" + job;
            histories.add(JobHistories.history(random, start, jobId, "5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f"));
        }
        List<String> all = histories.stream().flatMap(List::stream).map(ProjectorIT::delivered).toList();
        List<String> forFirst = new ArrayList<>(all);
        List<String> forSecond = new ArrayList<>(all);
        Collections.shuffle(forFirst, random);
        Collections.shuffle(forSecond, random);

        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> run(go, first, forFirst), pool);
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> run(go, second, forSecond), pool);
            go.countDown();
            CompletableFuture.allOf(a, b).get();
        }

        Instant now = Instant.now();
        for (List<JobEvent> history : histories) {
            JobRecord expected = JobHistories.project(history, now, Duration.ofDays(30));
            JobRecord stored = table.find(history.getFirst().detail().jobId()).orElseThrow();
            assertEquals(expected.withVersion(0), stored.withVersion(0), history.getFirst().detail().jobId());
        }
    }

    @Test
    void aThrottledTableFailsTheInvocationSoThePlatformRetriesAndTheRetryApplies() {
        DynamoFaults faults = new DynamoFaults(Set.of("GetItem", "UpdateItem"), 1.0, 1);
        DynamoDbClient throttled = AwsClients.dynamo(aws.withInterceptor(faults));
        ProjectorHandler handler = handler(throttled);
        String event = event("t1", "job-throttled", JobStatus.QUEUED, Instant.now().minusSeconds(3), null);

        StoreException failure = assertThrows(StoreException.class, () -> invoke(handler, event));

        assertTrue(failure.throttled(), failure.getMessage());
        assertTrue(faults.injected() > 0);
        assertTrue(logs.lines().stream().map(ProjectorIT::json).anyMatch(l -> "RETRY".equals(l.path("outcome").asText())
                && !l.path("function_request_id").asText().isEmpty()), "the retry is logged with its request id");
        assertTrue(table.find("job-throttled").isEmpty());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages().size(),
                "a transient failure is the platform's to retry, not ours to dead-letter");

        faults.enabled(false);
        assertEquals("{\"outcome\":\"APPLIED\"}", invoke(handler, event));
    }

    @Test
    void anUnreachableTableFailsTheInvocation() {
        AwsSettings nowhere = AwsSettings.local(URI.create("http://127.0.0.1:" + MotoServer.freePort()), REGION);
        ProjectorHandler handler = handler(AwsClients.dynamo(nowhere));

        assertThrows(StoreException.class, () -> invoke(handler,
                event("u1", "job-unreachable", JobStatus.QUEUED, Instant.now(), null)));
    }

    @Test
    void primingBeforeTheSnapshotRunsAgainstTheRealTableAndWritesNothing() {
        assertEquals(List.of("APPLIED", "APPLIED", "APPLIED"),
                ProjectorWiring.withEnvironment(environment()).priming(3).run());

        assertEquals(0, dynamo.scan(b -> b.tableName(tableName)).count());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages().size());
    }

    private ProjectorHandler handlerFromEnvironment() {
        return ProjectorHandler.withEnvironment(environment());
    }

    private Map<String, String> environment() {
        return Map.of(
                "JOBS_TABLE_NAME", tableName,
                "FAILURE_QUEUE_URL", queueUrl,
                "STAGE", "test",
                "AWS_REGION", REGION,
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing");
    }

    private ProjectorHandler handler(DynamoDbClient client) {
        return handler(client, sqs);
    }

    private ProjectorHandler handler(DynamoDbClient client, SqsClient failureSqs) {
        var metrics = Telemetry.metrics("job-status-projector", "test");
        return new ProjectorHandler(new ProjectorService(
                new EventContract(Set.of(EventContract.DEFAULT_SOURCE), Clock.systemUTC()),
                new DynamoJobRepository(client, tableName),
                new SqsFailureQueue(failureSqs, queueUrl, "ProjectorFn-test"),
                new PowertoolsProjectorMetrics(metrics), Clock.systemUTC(), Duration.ofDays(30)), metrics,
                OutcomeLog.FUNCTION);
    }

    /** Rejects the event and reads the named attribute of its failure-queue message. */
    private String sqsAttribute(ProjectorHandler handler, String raw, String attribute) {
        assertEquals("{\"outcome\":\"REJECTED\"}", invoke(handler, raw));
        Message message = sqs.receiveMessage(b -> b.queueUrl(queueUrl).messageAttributeNames("All")).messages()
                .getFirst();
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return message.messageAttributes().get(attribute).stringValue();
    }

    private static void run(CountDownLatch go, ProjectorHandler handler, List<String> events) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        events.forEach(e -> invoke(handler, e));
    }

    private static String invoke(ProjectorHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                    new LocalLambdaContext("ProjectorFn-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String event(String id, String jobId, JobStatus status, Instant at, Integer progress) {
        return delivered(new JobEvent(id, EventContract.DEFAULT_SOURCE, new JobStatusChanged(jobId,
                "5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f", status, at, 1, progress, null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/" + jobId + ".mp4" : null)));
    }


    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    /** The event as the rule delivers it, now. */
    private static String delivered(JobEvent event) {
        return EventJson.envelope(event, Instant.now()).toString();
    }
}
