package com.jobstatus.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** API Gateway's REQUEST authorizer event for {@code $connect} in, an IAM policy out. */
class AuthorizerHandlerTest {

    private static final String ALLOWED_ORIGIN = "https://video.deepfoundai.com";
    private final CachedJwks keys = new CachedJwks(() -> Tokens.jwks(Tokens.POOL_KEY), Clock.systemUTC());
    private final AuthorizerHandler handler = new AuthorizerHandler(new ConnectAuthorizer(
            new IdTokenVerifier(keys, Tokens.ISSUER, Set.of(Tokens.CLIENT), Clock.fixed(Tokens.NOW, ZoneOffset.UTC)),
            Set.of(ALLOWED_ORIGIN)), Telemetry.metrics("test", "test"));

    @Test
    void aValidIdTokenFromAnAllowedOriginGetsAnAllowPolicyForThisRouteWithTheUserInTheContext() throws Exception {
        JsonNode answer = invoke(event(Tokens.sign(Tokens.POOL_KEY, c -> c), ALLOWED_ORIGIN));
        assertEquals("user-1", answer.path("principalId").asText());
        JsonNode statement = answer.path("policyDocument").path("Statement").get(0);
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals("execute-api:Invoke", statement.path("Action").asText());
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/$connect", statement.path("Resource").asText());
        assertEquals("user-1", answer.path("context").path(WebSocketRequest.USER_ID_KEY).asText());
        // a client outside a browser sends no Origin
        assertEquals("Allow", effect(invoke(event(Tokens.sign(Tokens.POOL_KEY, c -> c), null))));
    }

    @Test
    void aBadOrMissingTokenOrAForeignOriginGetsADenyPolicyWithoutContext() throws Exception {
        String valid = Tokens.sign(Tokens.POOL_KEY, c -> c);
        for (ObjectNode event : new ObjectNode[] {
                event(null, ALLOWED_ORIGIN),
                event("garbage", ALLOWED_ORIGIN),
                event(Tokens.sign(Tokens.POOL_KEY, c -> c.claim("token_use", "access")), ALLOWED_ORIGIN),
                event(valid, "https://evil.example.com"),
                event(valid, "null")}) {
            JsonNode answer = invoke(event);
            assertEquals("Deny", effect(answer), event.toString());
            assertFalse(answer.has("context"));
            assertFalse(answer.toString().contains(valid), "the answer never repeats the token");
        }
    }

    private static String effect(JsonNode answer) {
        return answer.path("policyDocument").path("Statement").get(0).path("Effect").asText();
    }

    /** The example event with the given token (none if null) and Origin header (none if null). */
    private static ObjectNode event(String token, String origin) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(ExampleEvents.read(ExampleEvents.push("connect-authorizer")));
        ObjectNode query = (ObjectNode) event.path("queryStringParameters");
        if (token == null) {
            query.remove("token");
        } else {
            query.put("token", token);
        }
        ObjectNode headers = (ObjectNode) event.path("headers");
        if (origin == null) {
            headers.remove("Origin");
        } else {
            headers.put("Origin", origin);
        }
        return event;
    }

    private JsonNode invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes()), out, new LocalLambdaContext("WsAuthorizerFn"));
        return Json.MAPPER.readTree(out.toByteArray());
    }
}
