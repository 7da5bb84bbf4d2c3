package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The proxy event is shaped as API Gateway's REST API shapes it (the reader's request events in reader/events). */
class RestApiEventsTest {

    private static final Route JOB = new Route("GET", "/v1/jobs/{id}", true, LocalTemplate.READER);
    private static final Route LIST = new Route("GET", "/v1/jobs", true, LocalTemplate.READER);
    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");

    @Test
    void routesMatchTheirResourcePathOnlyAndDecodePathParameters() {
        assertEquals(Map.of("id", "a:b c"), JOB.match("/v1/jobs/a%3Ab%20c"));
        assertEquals(Map.of("id", "a+b"), JOB.match("/v1/jobs/a+b"));
        assertEquals(Map.of(), LIST.match("/v1/jobs"));
        assertNull(JOB.match("/v1/jobs"));
        assertNull(JOB.match("/v1/jobs/"));
        assertNull(JOB.match("/v1/jobs/a/b"));
        assertNull(LIST.match("/v1/jobs/"));
        assertNull(LIST.match("/v1/Jobs"));
    }

    @Test
    void headersAndQueryComeSingleValuedWithTheLastValueAndMultiValuedWithAll() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:3000"));
        headers.put("Accept", List.of("text/plain", "application/json"));
        headers.put("User-agent", List.of("curl/8"));
        JsonNode event = RestApiEvents.event(new RestApiEvents.HttpCall("GET", "/v1/jobs",
                        "status=QUEUED&tag=a&tag=b%20c&empty", headers, "127.0.0.1", "HTTP/1.1", ""),
                LIST, Map.of(), null, "req-1", "v1", NOW);

        assertEquals("application/json", event.path("headers").path("Accept").asText());
        assertEquals(List.of("text/plain", "application/json"), strings(event.path("multiValueHeaders").path("Accept")));
        assertEquals(Json.MAPPER.valueToTree(Map.of("status", "QUEUED", "tag", "b c", "empty", "")),
                event.path("queryStringParameters"));
        assertEquals(List.of("a", "b c"), strings(event.path("multiValueQueryStringParameters").path("tag")));
        assertTrue(event.get("pathParameters").isNull(), "API Gateway sends null, not {}, without path parameters");
        assertTrue(event.get("body").isNull());
        assertEquals("/v1/jobs", event.path("resource").asText());
        assertEquals("/v1/jobs", event.path("path").asText());
        assertEquals("GET", event.path("httpMethod").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean(true));

        JsonNode context = event.path("requestContext");
        assertEquals("req-1", context.path("requestId").asText());
        assertEquals("v1", context.path("stage").asText());
        assertEquals("/v1/jobs", context.path("resourcePath").asText());
        assertEquals("GET", context.path("httpMethod").asText());
        assertEquals("127.0.0.1", context.path("identity").path("sourceIp").asText());
        assertEquals("curl/8", context.path("identity").path("userAgent").asText());
        assertEquals("127.0.0.1:3000", context.path("domainName").asText());
        assertEquals(NOW.toEpochMilli(), context.path("requestTimeEpoch").asLong());
        assertEquals("25/Jun/2024:12:00:00 +0000", context.path("requestTime").asText());
        assertFalse(context.has("authorizer"), "a method without authorization has no authorizer context");
    }

    @Test
    void theAuthorizersClaimsArriveAsStrings() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user-1");
        claims.put("exp", 1719316800L);
        claims.put("aud", List.of("client-1"));
        claims.put("cognito:groups", List.of("a", "b"));
        JsonNode event = RestApiEvents.event(new RestApiEvents.HttpCall("GET", "/v1/jobs/j-1", null,
                Map.of(), "127.0.0.1", "HTTP/1.1", null), JOB, Map.of("id", "j-1"), claims, "req-2", "v1", NOW);

        assertEquals(Json.MAPPER.valueToTree(Map.of("claims", Map.of("sub", "user-1", "exp", "1719316800",
                "aud", "client-1", "cognito:groups", "a,b"))), event.path("requestContext").path("authorizer"));
        assertEquals("j-1", event.path("pathParameters").path("id").asText());
        assertTrue(event.get("queryStringParameters").isNull());
        assertTrue(event.get("multiValueQueryStringParameters").isNull());
    }

    /** Every field API Gateway sends (the reader's example events), and no other, whatever the request. */
    @Test
    void theEventsHaveTheFieldsOfTheReadersExampleEvents() throws IOException {
        Map<String, List<String>> headers = Map.of("Host", List.of("127.0.0.1:3000"),
                "Origin", List.of("http://localhost:5173"), "User-Agent", List.of("test"));
        JsonNode get = RestApiEvents.event(new RestApiEvents.HttpCall("GET", "/v1/jobs/j-1", null, headers, "127.0.0.1",
                "HTTP/1.1", null), JOB, Map.of("id", "j-1"), Map.of("sub", "user-1"), "req-3", "v1", NOW);
        JsonNode list = RestApiEvents.event(new RestApiEvents.HttpCall("GET", "/v1/jobs", "limit=10", headers,
                "127.0.0.1", "HTTP/1.1", null), LIST, Map.of(), Map.of("sub", "user-1"), "req-4", "v1", NOW);
        JsonNode preflight = RestApiEvents.event(new RestApiEvents.HttpCall("OPTIONS", "/v1/jobs", null, headers,
                "127.0.0.1", "HTTP/1.1", null), new Route("OPTIONS", "/v1/jobs", false, LocalTemplate.READER),
                Map.of(), null, "req-5", "v1", NOW);

        assertEquals(paths(example("get-job")), paths(get));
        assertEquals(paths(example("list-jobs")), paths(list));
        assertEquals(paths(example("preflight")), paths(preflight));
    }

    private static JsonNode example(String name) throws IOException {
        try (InputStream in = RestApiEventsTest.class.getResourceAsStream("/events/" + name + ".json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** Every field path of the event, header, query and claim names left out (they are the client's and the pool's). */
    private static Set<String> paths(JsonNode event) {
        Set<String> paths = new TreeSet<>();
        collect(event, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        if (!node.isObject() || Set.of("headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "claims").contains(prefix.substring(prefix.lastIndexOf('.') + 1))) {
            return;
        }
        node.properties().forEach(field -> {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            paths.add(path);
            collect(field.getValue(), path, paths);
        });
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
