package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy event is shaped as API Gateway's REST API shapes it. */
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
        APIGatewayProxyRequestEvent event = RestApiEvents.event(new RestApiEvents.HttpCall("GET", "/v1/jobs",
                        "status=QUEUED&tag=a&tag=b%20c&empty", headers, "127.0.0.1", "HTTP/1.1", ""),
                LIST, Map.of(), null, "req-1", "v1", NOW);

        assertEquals("application/json", event.getHeaders().get("Accept"));
        assertEquals(List.of("text/plain", "application/json"), event.getMultiValueHeaders().get("Accept"));
        assertEquals(Map.of("status", "QUEUED", "tag", "b c", "empty", ""), event.getQueryStringParameters());
        assertEquals(List.of("a", "b c"), event.getMultiValueQueryStringParameters().get("tag"));
        assertNull(event.getPathParameters(), "API Gateway sends null, not {}, without path parameters");
        assertNull(event.getBody());
        assertEquals("/v1/jobs", event.getResource());
        assertEquals("/v1/jobs", event.getPath());
        assertEquals("GET", event.getHttpMethod());

        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        assertEquals("req-1", context.getRequestId());
        assertEquals("v1", context.getStage());
        assertEquals("/v1/jobs", context.getResourcePath());
        assertEquals("GET", context.getHttpMethod());
        assertEquals("127.0.0.1", context.getIdentity().getSourceIp());
        assertEquals("curl/8", context.getIdentity().getUserAgent());
        assertEquals("127.0.0.1:3000", context.getDomainName());
        assertEquals(NOW.toEpochMilli(), context.getRequestTimeEpoch());
        assertEquals("25/Jun/2024:12:00:00 +0000", context.getRequestTime());
        assertNull(context.getAuthorizer(), "a method without authorization has no authorizer context");
    }

    @Test
    void theAuthorizersClaimsArriveAsStrings() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user-1");
        claims.put("exp", 1719316800L);
        claims.put("aud", List.of("client-1"));
        claims.put("cognito:groups", List.of("a", "b"));
        APIGatewayProxyRequestEvent event = RestApiEvents.event(new RestApiEvents.HttpCall("GET", "/v1/jobs/j-1", null,
                Map.of(), "127.0.0.1", "HTTP/1.1", null), JOB, Map.of("id", "j-1"), claims, "req-2", "v1", NOW);

        assertEquals(Map.of("claims", Map.of("sub", "user-1", "exp", "1719316800", "aud", "client-1",
                "cognito:groups", "a,b")), event.getRequestContext().getAuthorizer());
        assertEquals(Map.of("id", "j-1"), event.getPathParameters());
        assertNull(event.getQueryStringParameters());
        assertNull(event.getMultiValueQueryStringParameters());
    }
}
