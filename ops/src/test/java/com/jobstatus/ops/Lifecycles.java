package com.jobstatus.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.projector.ProjectorHandler;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Job lifecycles as event files, and the projector and queues they go through, for the tool's tests. A lifecycle
 * is the valid {@code Job Status Changed} examples of {@code schemas/events} (queued, processing, completed or
 * failed, a retry), copied for each job with its own job id and event ids, moved to the recent past so the TTL
 * keeps them, and written by {@link EventJson}.
 */
final class Lifecycles {

    private static final Instant EXAMPLES_START = Instant.parse("2024-06-25T12:00:00Z");
    /** FalInvoker's examples, in file order (the tests pick lines by position); the platform's have their own tests. */
    private static final List<JsonNode> JOB_STATUS_CHANGED = ExampleEvents.valid().stream()
            .map(example -> json(ExampleEvents.read(example)))
            .filter(example -> example.path("detail-type").asText().equals(EventContract.DETAIL_TYPE))
            .toList();

    private Lifecycles() {
    }

    /** Every valid example for each of {@code jobs} jobs named {@code prefix + n}, as event file lines. */
    static List<String> lifecycles(String prefix, int jobs, Instant start, long seed) {
        Random random = new Random(seed);
        Duration shift = Duration.between(EXAMPLES_START, start);
        List<String> lines = new ArrayList<>();
        for (int job = 0; job < jobs; job++) {
            for (JsonNode example : JOB_STATUS_CHANGED) {
                JobStatusChanged change = EventContract.toModel(example.get("detail"));
                Instant occurredAt = change.occurredAt().plus(shift);
                JobStatusChanged copy = new JobStatusChanged(prefix + job, change.userId(), change.status(),
                        occurredAt.plusMillis(job), change.attempt(), change.progress(), change.error(),
                        change.outputUrl());
                lines.add(EventJson.envelope(new UUID(random.nextLong(), random.nextLong()).toString(),
                        example.get("source").asText(), EventContract.DETAIL_TYPE, occurredAt,
                        EventJson.detail(copy)).toString());
            }
        }
        return lines;
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real ProjectorFn handler, built from the environment the template gives it, against moto. */
    static ProjectorHandler projector(MotoServer moto, String table, String failureQueueUrl) {
        return ProjectorHandler.withEnvironment(Map.of(
                "JOBS_TABLE_NAME", table, "FAILURE_QUEUE_URL", failureQueueUrl, "STAGE", "it",
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
    }

    /** Invokes the handler with one event, as the rule does. */
    static void deliver(ProjectorHandler projector, String event) {
        try {
            projector.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new LocalLambdaContext("ProjectorFn-it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every message in the queue now, received and deleted. */
    static List<Message> drain(SqsClient sqs, String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                all.add(message);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
