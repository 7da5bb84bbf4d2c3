package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.template.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Event routing as the local stack sets it up, with a stand-in for the projector: the template's rule takes
 * only its sources and detail-type off the bus, the poller hands each event over as EventBridge's JSON, and
 * an event the function keeps failing on ends in the failure queue after the template's number of attempts.
 */
@ExtendWith(MotoExtension.class)
class EventPollerIT {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static LocalTemplate template;
    private static LocalAws aws;
    private static LocalAws.Resources resources;

    @BeforeAll
    static void createTheResources(MotoServer moto) {
        template = LocalTemplate.of(SamTemplate.load(), Map.of(), "us-east-1", RestApiEvents.ACCOUNT_ID);
        aws = new LocalAws(moto.endpoint(), "us-east-1");
        resources = aws.create(template);
    }

    @AfterAll
    static void closeClients() {
        aws.close();
    }

    @Test
    void theRuleDeliversMatchingEventsAsEventBridgeJsonAndAFailingEventEndsInTheFailureQueue() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        RequestStreamHandler failsOnJobB = (InputStream input, OutputStream output, Context context) -> {
            calls.incrementAndGet();
            JsonNode event = Json.MAPPER.readTree(input);
            received.add(event);
            if (event.path("detail").path("jobId").asText().equals("job-b")) {
                throw new IllegalStateException("DynamoDB unavailable");
            }
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EventPoller poller = new EventPoller(aws.sqs, resources.invocationQueueUrl(), failsOnJobB, "ProjectorFn-dev",
                template.asyncAttempts(LocalTemplate.PROJECTOR), new PrintStream(log, true, StandardCharsets.UTF_8)).start()) {
            publish(template.eventSources().getFirst(), "job-a");
            publish("someone.else", "job-ignored");
            publish(template.eventSources().getFirst(), "job-b");

            Message failed = awaitFailureQueueMessage();
            assertTrue(failed.body().contains("job-b"), failed.body());
        }
        long attemptsOnB = received.stream().filter(e -> e.path("detail").path("jobId").asText().equals("job-b")).count();
        assertEquals(template.asyncAttempts(LocalTemplate.PROJECTOR), attemptsOnB, "one attempt and the template's retries");
        JsonNode first = received.stream().filter(e -> e.path("detail").path("jobId").asText().equals("job-a"))
                .findFirst().orElseThrow();
        assertEquals(template.detailType(), first.path("detail-type").asText());
        assertEquals(template.eventSources().getFirst(), first.path("source").asText());
        assertTrue(first.hasNonNull("id") && first.hasNonNull("time"), first.toString());
        assertTrue(received.stream().noneMatch(e -> e.toString().contains("job-ignored")), "the rule matches its sources only");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("the event goes to the failure queue"));
    }

    private static void publish(String source, String jobId) {
        aws.events.putEvents(b -> b.entries(e -> e.eventBusName(resources.eventBusName()).source(source)
                .detailType(template.detailType())
                .detail(EventJson.detail(jobId, "user-1", JobStatus.QUEUED, Instant.now(), null, null).toString())));
    }

    private static Message awaitFailureQueueMessage() {
        Instant deadline = Instant.now().plus(AWAIT);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = aws.sqs.receiveMessage(b -> b.queueUrl(resources.failureQueueUrl())
                    .waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages.getFirst();
            }
        }
        return fail("nothing reached the failure queue within " + AWAIT);
    }
}
