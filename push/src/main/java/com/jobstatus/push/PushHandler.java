package com.jobstatus.push;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * PushFn: the Jobs table's stream invokes it with a batch of changed items; each job goes to its owner's WebSocket
 * connections ({@link Pusher}), and the answer names the record to retry from ({@code ReportBatchItemFailures}).
 */
public final class PushHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PushHandler.class);

    private final Pusher pusher;
    private final Metrics metrics;

    public PushHandler() {
        PushWiring wiring = PushWiring.fromEnvironment();
        this(wiring.pusher(), wiring.metrics());
    }

    PushHandler(Pusher pusher, Metrics metrics) {
        this.pusher = pusher;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        try {
            Pusher.Result result = PowertoolsLogging.withLogging(context, () -> {
                List<StreamChange> changes = StreamBatch.changes(event);
                Pusher.Result pushed = pusher.push(changes);
                LOG.info("batch handled", entry("records", changes.size()), entry("messagesSent", pushed.sent()),
                        entry("outcome", pushed.failedAt() == null ? "PUSHED" : "RETRY"));
                return pushed;
            });
            Json.MAPPER.writeValue(output, StreamBatch.response(result));
        } finally {
            metrics.flush();
        }
    }
}
