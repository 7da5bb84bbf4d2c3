package com.jobstatus.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** API Gateway's WebSocket events, the examples in schemas/events/push, read as the two functions read them. */
class WebSocketRequestTest {

    private static final String USER = "7e726b59-838d-4b1a-8318-f24f14f0c4b5";

    @Test
    void theAuthorizersEventGivesTheTokenTheOriginInAnySpellingAndTheRoutesArn() throws Exception {
        WebSocketRequest request = WebSocketRequest.read(example("connect-authorizer"));
        assertEquals("eyJraWQiOiJleGFtcGxlIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl",
                request.query("token"));
        assertEquals("https://video.deepfoundai.com", request.header("origin"));
        assertEquals("https://video.deepfoundai.com", request.header("ORIGIN"));
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/$connect", request.methodArn());
        assertEquals("ZfYZ6cg5oAMCJdA=", request.connectionId());
        assertNull(request.userId(), "nobody is verified before the authorizer");
    }

    @Test
    void theConnectAndDisconnectEventsGiveTheRouteTheConnectionAndTheUserTheAuthorizerVerified() throws Exception {
        WebSocketRequest connect = WebSocketRequest.read(example("connect"));
        assertEquals("$connect", connect.routeKey());
        assertEquals("ZfYZ6cg5oAMCJdA=", connect.connectionId());
        assertEquals(USER, connect.userId());
        assertEquals(Instant.ofEpochMilli(1719316800000L), connect.connectedAt());

        WebSocketRequest disconnect = WebSocketRequest.read(example("disconnect"));
        assertEquals("$disconnect", disconnect.routeKey());
        assertEquals("ZfYZ6cg5oAMCJdA=", disconnect.connectionId());
        assertEquals(1001, disconnect.disconnectStatusCode());
    }

    @Test
    void anEventWithoutTheseFieldsReadsAsNothingRatherThanFailing() throws Exception {
        WebSocketRequest empty = WebSocketRequest.read(Json.MAPPER.readTree("{\"headers\":{\"Origin\":7}}"));
        assertEquals("", empty.routeKey());
        assertNull(empty.connectionId());
        assertNull(empty.connectedAt());
        assertNull(empty.header("origin"), "a header that is not text is no header");
        assertNull(empty.query("token"));
    }

    private static JsonNode example(String name) throws Exception {
        return Json.MAPPER.readTree(ExampleEvents.read(ExampleEvents.push(name)));
    }
}
