package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.PlatformEvents;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code jobs-ops publish} against moto's EventBridge, with a rule on the bus that copies every job event to
 * an SQS queue: what arrives there is what the bus received. Failures are injected into the tool's own
 * client ({@link PutEventsFaults}), the way AWS fails PutEvents.
 */
@ExtendWith(MotoExtension.class)
class PublishIT {

    private static final String REGION = "us-east-1";

    @TempDir
    Path dir;

    private final MotoServer moto;
    private final SqsClient sqs;
    private final String bus = "job-events-" + UUID.randomUUID();
    private final String arrivals;

    PublishIT(MotoServer moto) {
        this.moto = moto;
        AwsSettings aws = AwsSettings.local(moto.endpoint(), REGION);
        sqs = AwsClients.configure(SqsClient.builder(), aws).build();
        arrivals = sqs.createQueue(b -> b.queueName("arrivals-" + UUID.randomUUID())).queueUrl();
        String arrivalsArn = sqs.getQueueAttributes(b -> b.queueUrl(arrivals)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = AwsClients.configure(EventBridgeClient.builder(), aws).build()) {
            events.createEventBus(b -> b.name(bus));
            events.putRule(b -> b.name("everything").eventBusName(bus).eventPattern(Json.MAPPER.valueToTree(Map.of(
                    "source", EventContract.DEFAULT_SOURCES, "detail-type", EventContract.DETAIL_TYPES)).toString()));
            // the whole event, as without a transformer; moto is ~4x faster with this one (one JSONPath, not eight)
            events.putTargets(b -> b.rule("everything").eventBusName(bus).targets(t -> t.id("q").arn(arrivalsArn)
                    .inputTransformer(i -> i.inputPathsMap(Map.of("id", "$.id"))
                            .inputTemplate("<aws.events.event.json>"))));
        }
    }

    @Test
    void thePlatformsOwnEventsArePublishedAsTheyAre() {
        List<String> lines = ExampleEvents.valid().stream().map(ExampleEvents::read).map(Lifecycles::json)
                .filter(event -> !event.path("detail-type").asText().equals(EventContract.DETAIL_TYPE))
                .map(JsonNode::toString).toList();
        assertEquals(PlatformEvents.DETAIL_TYPES.size() + 2, lines.size(), "an example of each, two with variants");

        Cli.Run run = publish(new PutEventsFaults(11, 0.0, 0.0, entry -> null),
                Lifecycles.write(dir.resolve("platform.jsonl"), lines));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(details(lines), arrivedDetails());
    }

    @Test
    void everyEventArrivesExactlyOnceThoughRequestsAreThrottledAndEntriesFail() {
        List<String> lines = Lifecycles.lifecycles("job-", 20, recently(), 1);
        PutEventsFaults faults = new PutEventsFaults(7, 0.1, 0.3, entry -> null);

        Cli.Run run = publish(faults, Lifecycles.write(dir.resolve("events.jsonl"), lines));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("published " + lines.size() + " of " + lines.size() + " events to bus " + bus),
                run.lines());
        assertTrue(faults.throttledRequests() > 0 && faults.failedEntries() > 0, "faults were injected");
        assertEquals(details(lines), arrivedDetails());
    }

    @Test
    void eventsThatCannotBePublishedAreReportedByLineAndNoOtherIsLost() {
        List<String> lines = new ArrayList<>(Lifecycles.lifecycles("job-", 4, recently(), 2));
        lines.add(5, Lifecycles.lifecycles("refused-", 1, recently(), 3).getFirst());
        lines.add(17, Lifecycles.lifecycles("throttled-", 1, recently(), 4).get(2));
        lines.add(Lifecycles.lifecycles("refused-", 2, recently(), 5).get(9));
        PutEventsFaults faults = new PutEventsFaults(11, 0.0, 0.2, entry -> entry.detail().contains("\"refused-")
                ? "InvalidArgument" : entry.detail().contains("\"throttled-") ? "ThrottlingException" : null);

        Cli.Run run = publish(faults, Lifecycles.write(dir.resolve("events.jsonl"), lines), "--max-attempts", "3");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of(
                "line 6: not published after 1 attempt: InvalidArgument: injected InvalidArgument",
                "line 18: not published after 3 attempts: ThrottlingException: injected ThrottlingException",
                "line " + lines.size() + ": not published after 1 attempt: InvalidArgument: injected InvalidArgument",
                "published " + (lines.size() - 3) + " of " + lines.size() + " events to bus " + bus
                        + "; not published: 3 (lines 6, 18, " + lines.size() + ")"), run.lines());
        List<String> published = new ArrayList<>(lines);
        published.remove(lines.size() - 1);
        published.remove(17);
        published.remove(5);
        assertEquals(details(published), arrivedDetails());
    }

    @Test
    void largeEventsGoInRequestsBelowTheSizeLimitAndAllArrive() {
        List<String> lines = new ArrayList<>();
        List<String> small = Lifecycles.lifecycles("job-", 3, recently(), 6);
        for (int i = 0; i < small.size(); i++) {
            ObjectNode event = (ObjectNode) Lifecycles.json(small.get(i));
            if (i % 3 != 0) { // unknown detail fields are allowed: producers add fields first
                ((ObjectNode) event.get("detail")).put("trace", "x".repeat(100_000));
            }
            lines.add(event.toString());
        }
        PutEventsFaults recorder = new PutEventsFaults(1, 0.0, 0.0, entry -> null);

        Cli.Run run = publish(recorder, Lifecycles.write(dir.resolve("large.jsonl"), lines));

        assertEquals(0, run.exitCode(), run.toString());
        for (PutEventsFaults.Request request : recorder.requests()) {
            assertTrue(request.entries() <= 10 && request.size() < 256 * 1024, request.toString());
        }
        assertTrue(recorder.requests().stream().anyMatch(r -> r.size() > 200_000), "requests are filled up");
        assertEquals(details(lines), arrivedDetails());
    }

    @Test
    void aBusThatDoesNotExistStopsTheRunAndEveryLineIsReported() {
        List<String> lines = Lifecycles.lifecycles("job-", 3, recently(), 8);

        Cli.Run run = Cli.run(s -> s, "publish", Lifecycles.write(dir.resolve("events.jsonl"), lines).toString(),
                "--bus", "no-such-bus-" + UUID.randomUUID(),
                "--endpoint", moto.endpoint().toString(), "--region", REGION);

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(lines.size() + 1, run.lines().size(), run.toString());
        assertTrue(run.lines().getFirst()
                .startsWith("line 1: not published after 1 attempt: ResourceNotFoundException"), run.toString());
        assertTrue(run.lines().getLast().startsWith("published 0 of " + lines.size()), run.lines().getLast());
    }

    private Cli.Run publish(PutEventsFaults faults, Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", file.toString(), "--bus", bus,
                "--endpoint", moto.endpoint().toString(), "--region", REGION));
        args.addAll(List.of(more));
        return Cli.run(settings -> settings.withInterceptor(faults), args.toArray(String[]::new));
    }

    private static Instant recently() {
        return Instant.now().minus(2, ChronoUnit.HOURS);
    }

    /** Each event's detail, counted: equal maps mean every event exactly once. */
    private static Map<JsonNode, Long> details(List<String> lines) {
        return lines.stream().map(l -> Lifecycles.json(l).get("detail"))
                .collect(Collectors.groupingBy(d -> d, HashMap::new, Collectors.counting()));
    }

    private Map<JsonNode, Long> arrivedDetails() {
        return Lifecycles.drain(sqs, arrivals).stream().map(m -> Lifecycles.json(m.body()).get("detail"))
                .collect(Collectors.groupingBy(d -> d, HashMap::new, Collectors.counting()));
    }
}
