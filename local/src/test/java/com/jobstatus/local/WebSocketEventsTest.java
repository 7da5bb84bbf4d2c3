package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The events the local WebSocket API builds have the shape of API Gateway's (the examples in schemas/events/push). */
class WebSocketEventsTest {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");
    private static final WebSocketEvents.Handshake CALL = new WebSocketEvents.Handshake("conn-1=", "req-1",
            Map.of("Host", List.of("127.0.0.1:3001"), "Origin", List.of("http://localhost:5173"),
                    "User-Agent", List.of("test")),
            Map.of("token", List.of("t")), "127.0.0.1", NOW, "127.0.0.1:3001");

    @Test
    void theAuthorizersEventHasTheFieldsOfApiGatewaysExample() throws Exception {
        JsonNode built = WebSocketEvents.authorizer(CALL, "$connect", "dev", "local", "us-east-1", "123456789012", NOW);
        assertEquals(paths(example("connect-authorizer"), false), paths(built, false));
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:local/dev/$connect", built.path("methodArn").asText());
    }

    @Test
    void connectAndDisconnectEventsHaveTheFieldsOfApiGatewaysExamples() throws Exception {
        JsonNode answer = Json.MAPPER.readTree("{\"principalId\":\"u\",\"context\":{\"userId\":\"u\"}}");
        assertEquals(paths(example("connect"), false), paths(WebSocketEvents.connect(CALL, "dev", "local", answer, 3, NOW), false));
        JsonNode context = Json.MAPPER.readTree("{\"principalId\":\"u\",\"userId\":\"u\"}");
        assertEquals(paths(example("disconnect"), true),
                paths(WebSocketEvents.disconnect(CALL, "dev", "local", context, 1001, "Going away", NOW), true));
    }

    private static JsonNode example(String name) throws Exception {
        return Json.MAPPER.readTree(ExampleEvents.read(ExampleEvents.push(name)));
    }

    /**
     * Every field path of the event, header and query names left out (they are the client's); with
     * {@code contextOnly}, only the request context's (API Gateway's $disconnect headers are its own few).
     */
    private static Set<String> paths(JsonNode event, boolean contextOnly) {
        Set<String> paths = new TreeSet<>();
        collect(contextOnly ? event.path("requestContext") : event, contextOnly ? "requestContext" : "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        if (!node.isObject() || Set.of("headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters").contains(prefix.substring(prefix.lastIndexOf('.') + 1))) {
            return;
        }
        node.properties().forEach(field -> {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            paths.add(path);
            collect(field.getValue(), path, paths);
        });
    }
}
