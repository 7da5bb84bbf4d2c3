package com.jobstatus.push;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.connections.ConnectionRepository;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.PrimingEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PushFn's first batch would otherwise load, done before the SnapStart snapshot: the example stream batch goes
 * the whole way (images read through the store's mapper, the Connections index queried, each job written as JSON,
 * the batch response written) for an owner who cannot exist, so nobody is sent anything; one post to a connection
 * that cannot exist loads the {@code @connections} client's path (API Gateway answers it 410 or 400); logging and
 * metrics primed. Its counts go to a metrics instance of its own, never flushed, so the first batch after a restore
 * counts only itself.
 */
final class PushPriming {

    private static final Logger LOG = LoggerFactory.getLogger(PushPriming.class);
    /** Neither a user nor a connection of anyone's. */
    static final String NOBODY = "#priming";

    private final ConnectionRepository connections;
    private final ConnectionSender sender;

    PushPriming(ConnectionRepository connections, ConnectionSender sender) {
        this.connections = connections;
        this.sender = sender;
    }

    /** @return what the example batch came to: every record handled, nothing sent */
    Pusher.Result run() {
        ObjectNode event = PrimingEvents.read("push/jobs-stream");
        // the example's jobs are a real-looking user's, and expired by now (2024): a job of nobody's, alive for a day
        long ttl = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        for (JsonNode record : event.path("Records")) {
            if (record.path("dynamodb").path("NewImage") instanceof ObjectNode image) {
                image.putObject("userId").put("S", NOBODY);
                image.putObject("ttl").put("N", Long.toString(ttl));
            }
        }
        Pusher pusher = new Pusher(connections, sender, new PowertoolsPushMetrics(Telemetry.metrics("priming", "priming")),
                Clock.systemUTC());
        Pusher.Result result = pusher.push(StreamBatch.changes(event));
        try {
            sender.send(NOBODY, "{}");
        } catch (ConnectionSender.SendException expected) {
            // a made-up connection id: any answer loads the same path
        }
        try {
            Json.MAPPER.writeValue(OutputStream.nullOutputStream(), StreamBatch.response(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("primed", entry("outcome", "PRIMED"));
        Telemetry.prime();
        return result;
    }
}
