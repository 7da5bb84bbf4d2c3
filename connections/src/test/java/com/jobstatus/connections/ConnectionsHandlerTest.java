package com.jobstatus.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** API Gateway's {@code $connect} and {@code $disconnect} events in, the connection recorded and forgotten. */
class ConnectionsHandlerTest {

    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final ConnectionsHandler handler = new ConnectionsHandler(new ConnectionRoutes(connections, Clock.systemUTC()),
            Telemetry.metrics("test", "test"));

    @Test
    void connectRecordsTheConnectionWithTheVerifiedUserForTwoHoursAndDisconnectForgetsIt() throws Exception {
        assertEquals(200, invoke(event("connect")).path("statusCode").asInt());
        Connection stored = connections.all().get("ZfYZ6cg5oAMCJdA=");
        assertEquals("7e726b59-838d-4b1a-8318-f24f14f0c4b5", stored.userId());
        assertEquals(Instant.ofEpochMilli(1719316800000L), stored.connectedAt());
        assertEquals(1719316800L + 2 * 3600, stored.ttl());

        assertEquals(200, invoke(event("disconnect")).path("statusCode").asInt());
        assertTrue(connections.all().isEmpty());
        // a second disconnect (API Gateway retries nothing, but TTL or a Gone may have removed it first) is fine
        assertEquals(200, invoke(event("disconnect")).path("statusCode").asInt());
    }

    @Test
    void aConnectWithoutAVerifiedUserIsRefusedAndNothingIsRecorded() throws Exception {
        ObjectNode event = event("connect");
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        assertEquals(403, invoke(event).path("statusCode").asInt());
        assertTrue(connections.all().isEmpty());
    }

    private static ObjectNode event(String name) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(ExampleEvents.read(ExampleEvents.push(name)));
    }

    private JsonNode invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes()), out, new LocalLambdaContext("ConnectionsFn"));
        return Json.MAPPER.readTree(out.toByteArray());
    }
}
