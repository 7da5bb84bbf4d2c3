package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.localaws.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A projector instance killed mid-stream: it takes a batch of events off the queue (so nobody else sees them
 * until their visibility timeout ends), applies some of them, and dies before acknowledging any. The platform
 * must deliver them all again; those already applied arrive a second time with the same event id.
 */
final class DyingPoller {

    /** @param applied how many it applied before dying; {@code abandoned} how many it left in flight */
    record Death(int applied, int abandoned) {
    }

    private DyingPoller() {
    }

    static CompletableFuture<Death> start(SqsClient sqs, String queueUrl, RequestStreamHandler projector) {
        return CompletableFuture.supplyAsync(() -> {
            List<Message> batch;
            do {
                batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
            } while (batch.size() < 2);
            int applied = batch.size() / 2;
            for (Message message : batch.subList(0, applied)) {
                try {
                    projector.handleRequest(new ByteArrayInputStream(message.body().getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream(), new LocalLambdaContext("ProjectorFn-dying"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return new Death(applied, batch.size() - applied);
        });
    }
}
