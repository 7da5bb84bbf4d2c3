package com.jobstatus.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.connections.Connection;
import com.jobstatus.connections.InMemoryConnectionRepository;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Lambda's DynamoDB stream event in, the partial batch response out. */
class PushHandlerTest {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:10Z");
    private static final String OWNER = "7e726b59-838d-4b1a-8318-f24f14f0c4b5";
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RecordingSender sender = new RecordingSender();

    private PushHandler handler() {
        var metrics = Telemetry.metrics("test", "test");
        return new PushHandler(new Pusher(connections, sender, new PowertoolsPushMetrics(metrics),
                Clock.fixed(NOW, ZoneOffset.UTC)), metrics);
    }

    @Test
    void theExampleBatchPushesItsInsertAndModifyInOrderSkipsTheTtlDeletionAndReportsNoFailure() throws Exception {
        connections.add(Connection.opened("conn-1", OWNER, NOW));
        JsonNode response = invoke(handler());
        assertEquals("{\"batchItemFailures\":[]}", response.toString());
        assertEquals(2, sender.to("conn-1").size());
        assertEquals("QUEUED", Json.MAPPER.readTree(sender.to("conn-1").get(0)).path("status").asText());
        JsonNode last = Json.MAPPER.readTree(sender.to("conn-1").get(1));
        assertEquals("PROCESSING", last.path("status").asText());
        assertEquals(50, last.path("progress").asInt());
    }

    @Test
    void aFailureIsReportedAsTheSequenceNumberToRetryFrom() throws Exception {
        connections.add(Connection.opened("conn-1", OWNER, NOW));
        sender.failing.put("conn-1", true);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"100000000000000000001\"}]}",
                invoke(handler()).toString());
    }

    private static JsonNode invoke(PushHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ExampleEvents.read(ExampleEvents.push("jobs-stream")).getBytes()),
                out, new LocalLambdaContext("PushFn"));
        return Json.MAPPER.readTree(out.toByteArray());
    }
}
