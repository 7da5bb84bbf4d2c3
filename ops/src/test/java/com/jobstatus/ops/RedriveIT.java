package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.projector.ProjectorHandler;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.DynamoFaults;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code jobs-ops redrive} against moto: a failure queue filled the ways production fills it (the real
 * ProjectorFn handler's rejections, the rule's dead letters, Lambda's on-failure records), after the fix
 * the runbook describes (the new event source is allowed, the table works again).
 */
@ExtendWith(MotoExtension.class)
class RedriveIT {

    private static final String REGION = "us-east-1";
    private static final String NEW_SOURCE = "jobs.backfill";

    @TempDir
    Path dir;

    private final MotoServer moto;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final String table = "Jobs-redrive-" + UUID.randomUUID();
    private final String queue;
    private final ProjectorHandler handler;
    private final List<String> events =
            Lifecycles.lifecycles("redrive-", 6, Instant.now().minus(1, ChronoUnit.HOURS), 41);

    RedriveIT(MotoServer moto) {
        this.moto = moto;
        AwsSettings aws = AwsSettings.local(moto.endpoint(), REGION);
        sqs = AwsClients.configure(SqsClient.builder(), aws).build();
        dynamo = AwsClients.dynamo(aws);
        JobsTable.create(dynamo, table);
        queue = sqs.createQueue(b -> b.queueName("JobStatusFailures-" + UUID.randomUUID())).queueUrl();
        handler = Lifecycles.projector(moto, table, queue);
    }

    /**
     * Job {@code job}'s (0-5) copy of the example at {@code step}, in the examples' file-name order: 0 completed,
     * 1 failed, 2 and 3 processing, 4 queued for a retry, 5 and 6 queued.
     */
    private String event(int job, int step) {
        return events.get(job * 7 + step);
    }

    private static String id(String event) {
        return Lifecycles.json(event).get("id").asText();
    }

    @Test
    void aRedriveEmptiesTheQueueOfFixedEventsAndKeepsTheStillInvalidOnesOnce() throws Exception {
        String newSource = ((ObjectNode) Lifecycles.json(event(0, 0))).put("source", NEW_SOURCE).toString();
        String badStatus = event(1, 6).replace("\"QUEUED\"", "\"DONE\"");
        deliver(newSource);                                 // rejected: source not (yet) allowed
        deliver(badStatus);                                 // rejected: schema violation
        deliver("{oops");                                   // rejected: not JSON
        deadLetter(event(2, 0));                            // the rule could not deliver it
        asyncFailure(event(3, 2));                          // Lambda gave up on it
        deliver(event(4, 0));                               // applied...
        deadLetter(event(4, 0));                            // ...and dead-lettered too: stale
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(event(5, 1)));  // a bare event

        Cli.Run inspect = redrive(s -> s, "--dry-run");

        assertEquals(1, inspect.exitCode(), inspect.toString());
        assertEquals(8, inspect.lines().size(), inspect.toString());
        assertTrue(line(inspect, id(newSource)).contains("[rejected, event " + id(newSource)
                + ", job redrive-0]: would apply; would delete | queued because: source '" + NEW_SOURCE + "'"),
                inspect.toString());
        assertTrue(line(inspect, id(event(4, 0))).contains("[dead-letter, event " + id(event(4, 0))
                + ", job redrive-4]: stale (DUPLICATE); would delete | queued because: "
                + "SDK_CLIENT_ERROR: Unable to invoke the target"), inspect.toString());
        assertEquals("dry run of redrive from " + queue + ": 7 messages: 4 would apply, 1 stale, "
                + "2 still invalid, 0 not applied; nothing changed", inspect.lines().getLast());
        assertEquals(1, dynamo.scan(b -> b.tableName(table)).count(), "a dry run writes nothing");
        assertEquals(7, visibleMessages(), "a dry run deletes nothing and leaves every message visible");

        Cli.Run run = redrive(s -> s);

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(line(run, id(newSource)).contains("]: applied; deleted"), run.toString());
        assertTrue(line(run, id(event(2, 0))).contains("[dead-letter, event " + id(event(2, 0))
                + ", job redrive-2]: applied; deleted"), run.toString());
        assertTrue(line(run, id(event(3, 2))).contains("[async-failure, event " + id(event(3, 2))
                + ", job redrive-3]: applied; deleted | queued because: StoreException: GetItem failed"),
                run.toString());
        assertTrue(line(run, id(event(5, 1))).contains("[event, event " + id(event(5, 1))
                + ", job redrive-5]: applied; deleted"), run.toString());
        assertTrue(line(run, id(badStatus)).contains("]: still invalid: status "), run.toString());
        assertTrue(line(run, id(badStatus)).endsWith("; stays in the queue"),
                "the reason it was queued for is the same, so it is not repeated: " + run);
        assertTrue(run.lines().stream()
                .anyMatch(l -> l.contains("[rejected]: still invalid: the event is not valid JSON")), run.toString());
        assertEquals("redrive from " + queue + ": 7 messages: 4 applied, 1 stale, 2 still invalid, "
                + "0 not applied; 5 deleted, 2 left in the queue", run.lines().getLast());
        for (String job : List.of("redrive-0", "redrive-2", "redrive-3", "redrive-4", "redrive-5")) {
            assertTrue(new DynamoJobRepository(dynamo, table).find(job).isPresent(), job);
        }
        assertEquals(JobStatus.PROCESSING,
                new DynamoJobRepository(dynamo, table).find("redrive-3").orElseThrow().status());

        List<String> left = Lifecycles.drain(sqs, queue).stream().map(Message::body).sorted().toList();
        assertEquals(List.of("{oops", badStatus).stream().sorted().toList(), left,
                "exactly the still-invalid messages, each once");
    }

    @Test
    void stillInvalidEventsCanBeSavedAndThenDiscarded() throws Exception {
        String badStatus = event(1, 6).replace("\"QUEUED\"", "\"DONE\"");
        deliver(badStatus);
        deliver("{oops");
        deadLetter(event(2, 0));
        Path saved = dir.resolve("failed.jsonl");

        Cli.Run run = redrive(s -> s, "--save", saved.toString(), "--discard-invalid");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.lines().getLast().endsWith(": 3 messages: 1 applied, 0 stale, 2 still invalid, "
                + "0 not applied; 3 deleted, 0 left in the queue"), run.toString());
        assertEquals(0, visibleMessages());
        List<String> lines = Files.readAllLines(saved);
        assertEquals(2, lines.size(), "only what needs a person: " + lines);
        assertTrue(lines.contains(Lifecycles.json(badStatus).toString()), lines.toString());
        assertTrue(lines.contains("\"{oops\""), "what is not JSON is kept as a JSON string: " + lines);
    }

    @Test
    void aTimestampTheProjectorCannotReadIsStillInvalidWithItsReasonNotAStoreFailure() {
        String python = event(2, 0).replaceFirst("\"occurredAt\":\"([0-9-]+)T", "\"occurredAt\":\"$1 ");
        asyncFailure(python); // how such an event reached the queue before the schema and the parser agreed
        deliver(python);

        Cli.Run run = redrive(s -> s, "--max-attempts", "1");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(2, run.lines().stream().filter(l -> l.contains(
                "]: still invalid: occurredAt has a space between date and time")).count(), run.toString());
        assertTrue(run.lines().getLast().contains("2 still invalid, 0 not applied"), run.toString());
    }

    @Test
    void anEventTheQueueCouldOnlyCarryEncodedIsRedrivenAndSavedAsItArrived() throws Exception {
        String raw = "{not json \u0001 \uFFFF}";
        deliver(raw);
        Path saved = dir.resolve("failed.jsonl");

        Cli.Run run = redrive(s -> s, "--dry-run", "--save", saved.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.lines().getFirst().contains("[rejected]: still invalid: the event is not valid JSON"),
                run.toString());
        assertEquals(List.of(Lifecycles.json(Files.readString(saved)).asText()), List.of(raw),
                "the saved line is the event as it arrived, as a JSON string");
    }

    @Test
    void anEventTheTableKeepsFailingOnStaysInTheQueueAndIsVisibleAgain() {
        deadLetter(event(2, 0));
        DynamoFaults faults = new DynamoFaults(Set.of("UpdateItem"), 1.0, 1);

        Cli.Run run = redrive(s -> s.withInterceptor(faults), "--max-attempts", "1");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.lines().getFirst().contains("]: not applied, the store kept failing: UpdateItem failed"),
                run.toString());
        assertEquals(1, visibleMessages());
        assertTrue(new DynamoJobRepository(dynamo, table).find("redrive-2").isEmpty());
    }

    private Cli.Run redrive(UnaryOperator<AwsSettings> hook, String... more) {
        List<String> args = new ArrayList<>(List.of("redrive", "--queue", queue, "--table", table,
                "--event-source", "jobs.fal-invoker", "--event-source", NEW_SOURCE,
                "--endpoint", moto.endpoint().toString(), "--region", REGION));
        args.addAll(List.of(more));
        return Cli.run(hook, args.toArray(String[]::new));
    }

    private static String line(Cli.Run run, String eventId) {
        return run.lines().stream().filter(l -> l.contains("event " + eventId + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for event " + eventId + " in\n" + run));
    }

    private void deliver(String event) {
        Lifecycles.deliver(handler, event);
    }

    private int visibleMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }


    /** As EventBridge dead-letters an event it could not deliver to the rule's target. */
    private void deadLetter(String event) {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(event).messageAttributes(Map.of(
                "ERROR_CODE", string("SDK_CLIENT_ERROR"),
                "ERROR_MESSAGE", string("Unable to invoke the target"),
                "RULE_ARN", string("arn:aws:events:us-east-1:123456789012:rule/job-events/JobStatusChanged-dev"),
                "TARGET_ARN", string("arn:aws:lambda:us-east-1:123456789012:function:ProjectorFn-dev:live"))));
    }

    /** As Lambda's on-failure destination records an asynchronous invocation it gave up on. */
    private void asyncFailure(String event) {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"version\":\"1.0\",\"timestamp\":\"" + Instant.now()
                + "\",\"requestContext\":{\"requestId\":\"" + UUID.randomUUID() + "\",\"functionArn\":"
                + "\"arn:aws:lambda:us-east-1:123456789012:function:ProjectorFn-dev:live\",\"condition\":"
                + "\"RetriesExhausted\",\"approximateInvokeCount\":3},\"requestPayload\":" + event
                + ",\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"7\",\"functionError\":\"Unhandled\"},"
                + "\"responsePayload\":{\"errorType\":\"StoreException\",\"errorMessage\":"
                + "\"GetItem failed: ThrottlingException (HTTP 400)\"}}"));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
